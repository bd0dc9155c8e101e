package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.web.client.TestRestTemplate;

import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * The demo schools of the default profile, which the application onboards through the MIS simulator when it starts.
 */
public final class DemoSchools {

	public static final String NORTH = "100001";

	public static final String SOUTH = "100002";

	private DemoSchools() {
	}

	/**
	 * Gives Northfield a second administrator with a known password (for four eyes), once per application.
	 *
	 * @return their user id
	 */
	public static String northfieldDeputy(SchoolIdentities schoolIdentities, IdentityService identityService,
			String password) {
		String deputy = schoolIdentities.addAdministrator(NORTH, "deputy@northfield.example");
		if (!identityService.checkPassword(deputy, password)) {
			// Read after the check: a check may update the user (its failed attempts).
			User user = identityService.createUserQuery().userId(deputy).singleResult();
			user.setPassword(password);
			identityService.saveUser(user);
		}
		return deputy;
	}

	/**
	 * Waits until the job executor has onboarded the schools, as the demo operator sees them.
	 */
	public static void awaitActive(TestRestTemplate http, String... urns) {
		for (String urn : urns) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(JsonPath.<String>read(
						http.withBasicAuth("demo", "demo").getForEntity("/api/schools/" + urn, String.class).getBody(),
						"$.status")).isEqualTo("ACTIVE"));
		}
	}
}
