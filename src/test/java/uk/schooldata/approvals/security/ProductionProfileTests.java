package uk.schooldata.approvals.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import uk.schooldata.approvals.Application;

/**
 * The prod profile has no default credentials: without the operator's password from the environment it does not
 * start at all, so nothing (not even Camunda's admin user) is created.
 */
class ProductionProfileTests {

	@Test
	void refusesToStartWithoutAnOperatorPassword() {
		assertThatThrownBy(() -> prod().run("--OPERATOR_PASSWORD="))
			.hasMessageContaining("OPERATOR_PASSWORD")
			.hasMessageContaining("refusing to start");
	}

	@Test
	void refusesToStartWithAShortOperatorPassword() {
		assertThatThrownBy(() -> prod().run("--OPERATOR_PASSWORD=short"))
			.hasMessageContaining("at least 12 characters");
	}

	private static SpringApplicationBuilder prod() {
		return new SpringApplicationBuilder(Application.class).profiles("prod").web(WebApplicationType.NONE);
	}
}
