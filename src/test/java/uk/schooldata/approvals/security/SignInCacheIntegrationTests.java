package uk.schooldata.approvals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A successful HTTP Basic sign-in is remembered for {@code app.security.sign-in-cache} (here two seconds): a changed
 * password takes effect within that time, the old one stops working then, and a failed sign-in is never remembered.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.demo.enabled=true", "app.security.sign-in-cache=PT2S" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class SignInCacheIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identityService;

	@Test
	void aChangedPasswordTakesEffectWithinTheRememberedTimeAndAFailureIsNeverRemembered() {
		assertThat(scopesAs("auditor", "auditor")).isEqualTo(HttpStatus.OK);
		assertThat(scopesAs("auditor", "Next-Password-1")).isEqualTo(HttpStatus.UNAUTHORIZED);

		User auditor = identityService.createUserQuery().userId("auditor").singleResult();
		auditor.setPassword("Next-Password-1");
		identityService.saveUser(auditor);

		assertThat(scopesAs("auditor", "Next-Password-1")).as("the refusal before was not remembered")
			.isEqualTo(HttpStatus.OK);
		assertThat(scopesAs("auditor", "auditor")).as("remembered for up to two seconds").isEqualTo(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> scopesAs("auditor", "auditor") == HttpStatus.UNAUTHORIZED);
		assertThat(scopesAs("auditor", "Next-Password-1")).isEqualTo(HttpStatus.OK);
	}

	private HttpStatus scopesAs(String user, String password) {
		return HttpStatus.valueOf(http.withBasicAuth(user, password)
			.getForEntity("/api/scopes", String.class)
			.getStatusCode()
			.value());
	}
}
