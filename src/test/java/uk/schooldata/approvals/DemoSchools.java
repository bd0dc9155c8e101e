package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.boot.test.web.client.TestRestTemplate;

import com.jayway.jsonpath.JsonPath;

/**
 * The demo schools of the default profile, which the application onboards through the MIS simulator when it starts.
 */
public final class DemoSchools {

	public static final String NORTH = "100001";

	public static final String SOUTH = "100002";

	private DemoSchools() {
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
