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

	@Test
	void refusesToStartWithoutAKeyForInvitationLinksOrWithAShortOne() {
		assertThatThrownBy(() -> prod().run("--OPERATOR_PASSWORD=Long-Enough-Password-1"))
			.hasMessageContaining("INVITE_LINK_KEY");
		assertThatThrownBy(() -> prod().run("--OPERATOR_PASSWORD=Long-Enough-Password-1",
				"--INVITE_LINK_KEY=too-short-a-key"))
			.hasMessageContaining("at least 32 characters in the environment variable INVITE_LINK_KEY");
	}

	@Test
	void refusesToStartWithoutAnySignInProviderForInvitees() {
		assertThatThrownBy(() -> prod().run("--OPERATOR_PASSWORD=Long-Enough-Password-1",
				"--INVITE_LINK_KEY=a-link-key-of-at-least-thirty-two-characters",
				"--DATABASE_URL=jdbc:h2:mem:prod-without-providers", "--DATABASE_USERNAME=sa", "--DATABASE_PASSWORD=",
				"--MAIL_HOST=localhost", "--MIS_BASE_URL=http://localhost:1", "--MIS_API_KEY=key",
				"--INVITE_BASE_URL=https://invitations.example"))
			.hasStackTraceContaining("No sign-in provider is configured, so nobody could accept an invitation");
	}

	private static SpringApplicationBuilder prod() {
		return new SpringApplicationBuilder(Application.class).profiles("prod").web(WebApplicationType.NONE);
	}
}
