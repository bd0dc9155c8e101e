package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.StudentFilter;

/**
 * A whole school invited at once, as its administrator would: every student and every eligible parent, two
 * {@code POST}s over HTTP, timed from the first {@code POST} until GreenMail has accepted every invitation. The job
 * executor sends, as in production. Run on demand, never by {@code ./mvnw verify} (see docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw test -Dtest=InviteBenchmarkTests -DexcludedGroups= -Dgroups=benchmark
 * </pre>
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class InviteBenchmarkTests {

	static final String URN = "100001";

	static final Duration TIME_CAP = Duration.ofSeconds(Long.getLong("benchmark.capSeconds", 300));

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	MisConnector mis;

	@Autowired
	JdbcClient jdbc;

	@Test
	void invitesAWholeSchoolOfStudentsAndParents() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(
					http.withBasicAuth("demo", "demo").getForEntity("/api/schools/" + URN, String.class).getBody(),
					"$.status")).isEqualTo("ACTIVE"));
		List<String> groups = mis.listGroups(URN)
			.stream()
			.filter(group -> group.type() == MisGroup.Type.REGISTRATION_GROUP)
			.map(MisGroup::id)
			.toList();
		int before = smtp.getReceivedMessages().length;

		long start = System.nanoTime();
		ResponseEntity<String> students = invite("STUDENTS", groups);
		long studentsAnswered = System.nanoTime();
		ResponseEntity<String> parents = invite("PARENTS", groups);
		long parentsAnswered = System.nanoTime();
		int invited = JsonPath.<Integer>read(students.getBody(), "$.invited")
				+ JsonPath.<Integer>read(parents.getBody(), "$.invited");
		await().atMost(TIME_CAP)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> smtp.getReceivedMessages().length - before >= invited);
		long allSent = System.nanoTime();

		Map<String, Object> sent = jdbc.sql("select count(*) as n from invite where status = 'SENT'").query().singleRow();
		System.out.printf("""

				Invite benchmark, whole school %s
				  students invited: %d, skipped %d; parents invited: %d, skipped %d; total %d
				  POST students answered in %d ms, POST parents in %d ms
				  every invitation accepted by the SMTP server %d ms after the first POST (%.1f invitations/s)
				  invites SENT in the database: %s
				%n""", URN, JsonPath.<Integer>read(students.getBody(), "$.invited"),
				JsonPath.<List<?>>read(students.getBody(), "$.skipped").size(),
				JsonPath.<Integer>read(parents.getBody(), "$.invited"),
				JsonPath.<List<?>>read(parents.getBody(), "$.skipped").size(), invited, millis(start, studentsAnswered),
				millis(studentsAnswered, parentsAnswered), millis(start, allSent),
				invited * 1000.0 / millis(start, allSent), sent.values().iterator().next());
		assertThat(invited).isGreaterThan(1500);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc.sql("select count(*) from invite where status = 'SENT'")
				.query(Integer.class)
				.single()).isEqualTo(invited));

		// One part told apart, on an idle server: the MIS read each send makes (one person by id, over HTTP), beside
		// the whole-list read it replaced.
		String contactId = mis.listContacts(URN).get(700).id();
		String studentId = mis.listStudents(URN, StudentFilter.all()).get(450).id();
		System.out.printf("""
				  MIS read per send, mean of 100 sequential calls: one contact %.1f ms, one student %.1f ms
				  (the whole list, as before: contacts %.1f ms, students %.1f ms)
				%n""", meanMillis(() -> mis.findContact(URN, contactId)), meanMillis(() -> mis.findStudent(URN, studentId)),
				meanMillis(() -> mis.listContacts(URN)), meanMillis(() -> mis.listStudents(URN, StudentFilter.all())));
	}

	private static double meanMillis(Runnable call) {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			call.run();
		}
		return (System.nanoTime() - start) / 100 / 1_000_000.0;
	}

	private ResponseEntity<String> invite(String sourceGroup, List<String> groups) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> response = http.withBasicAuth("admin@northfield.example", "northfield")
			.exchange("/api/schools/" + URN + "/invites", HttpMethod.POST,
					new HttpEntity<>(Map.of("sourceGroup", sourceGroup, "groupIds", groups), headers), String.class);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return response;
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}
}
