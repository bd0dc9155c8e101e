package uk.schooldata.approvals.onboarding.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.mis.simulator.MisSimulator;
import uk.schooldata.approvals.onboarding.SchoolRegistrations;

/**
 * Onboarding as an operator meets it: the REST API, the job executor running, the MIS simulator over HTTP and a real
 * SMTP server (GreenMail).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class SchoolApiIntegrationTests {

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
	}

	TestRestTemplate http;

	@Autowired
	void signInAsTheOperator(TestRestTemplate anonymous) {
		this.http = anonymous.withBasicAuth("demo", "demo");
	}

	@Autowired
	MisSimulator simulator;

	@Autowired
	HistoryService historyService;

	@Autowired
	JdbcClient jdbc;

	@Test
	void onboardsASchoolFromPostToActiveWithTheMisUserInEveryGroupAndEmailsTheSchool() throws Exception {
		String urn = SchoolRegistrations.aUrn();

		ResponseEntity<String> accepted = postSchool(Map.of("urn", urn, "name", "Oakfield School", "contactEmail",
				"office@oakfield.example", "usesSchoolBooking", true));

		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(accepted.getHeaders().getLocation()).hasPath("/api/schools/" + urn);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(get(accepted).getBody(), "$.status"))
				.isEqualTo("ACTIVE"));

		String school = get(accepted).getBody();
		String misUserId = JsonPath.read(school, "$.misUser.id");
		assertThat(JsonPath.<List<String>>read(school, "$.misUser.confirmedGroups")).hasSize(7).contains("Cover Manager");
		assertThat(simulator.user(urn, "sda-platform")).get()
			.satisfies(user -> assertThat(user.id()).isEqualTo(misUserId))
			.satisfies(user -> assertThat(user.groups()).hasSize(7));

		MimeMessage email = await().atMost(Duration.ofSeconds(10))
			.until(() -> List.of(smtp.getReceivedMessagesForDomain("oakfield.example")), messages -> !messages.isEmpty())
			.get(0);
		assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("office@oakfield.example");
		assertThat(email.getFrom()).extracting(Object::toString)
			.containsExactly("School Data Approvals <no-reply@schooldata.example>");
		assertThat(email.getSubject()).isEqualTo("Oakfield School is connected to the schools data platform");
		assertThat(GreenMailUtil.getBody(email)).contains(misUserId).contains("Third Party Reporter");
	}

	@Test
	void refusesBadInputNamingEveryFieldAndWritesNothing() {
		long schoolsBefore = countSchools();

		ResponseEntity<String> refused = postSchool(Map.of("urn", "12345", "name", " ", "contactEmail", "office@"));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.type"))
			.isEqualTo("https://schooldata.example/problems/invalid-request");
		assertThat(JsonPath.<List<String>>read(refused.getBody(), "$.errors[*].field"))
			.containsExactlyInAnyOrder("urn", "name", "contactEmail");
		assertThat(JsonPath.<String>read(refused.getBody(), "$.detail")).contains("urn must be exactly six digits")
			.contains("contactEmail must be an email address")
			.contains("name is required");
		assertThat(countSchools()).isEqualTo(schoolsBefore);
	}

	@Test
	void refusesMalformedJsonWithAClearDetail() {
		ResponseEntity<String> refused = http.postForEntity("/api/schools",
				new HttpEntity<>("{\"urn\": \"123456\", ", jsonHeaders()), String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(refused.getBody(), "$.detail")).contains("not valid JSON");
		assertThat(refused.getBody()).doesNotContain("Exception");
	}

	@Test
	void refusesASecondOnboardingOfTheSameSchoolWithConflict() {
		String urn = SchoolRegistrations.aUrn();
		Map<String, Object> school = Map.of("urn", urn, "name", "Hillside Academy", "contactEmail",
				"office@hillside.example");
		assertThat(postSchool(school).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

		ResponseEntity<String> conflict = postSchool(school);

		assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(JsonPath.<String>read(conflict.getBody(), "$.type"))
			.isEqualTo("https://schooldata.example/problems/school-already-registered");
		assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(urn).count())
			.isOne();
	}

	@Test
	void answersNotFoundForASchoolThatIsNotRegistered() {
		ResponseEntity<String> missing = http.getForEntity("/api/schools/{urn}", String.class, "000001");

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(JsonPath.<String>read(missing.getBody(), "$.detail")).contains("000001");
	}

	@Test
	void engineRestStartWithBadVariablesIsRefusedAsClearlyAndStartsNothing() {
		ResponseEntity<String> refused = startThroughEngineRest("/engine-rest/process-definition/key/school-onboarding/start",
				Map.of("schoolUrn", Map.of("value", "12"), "schoolName", Map.of("value", "Hillside Academy"),
						"usesSchoolBooking", Map.of("value", "yes")));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<List<String>>read(refused.getBody(), "$.errors[*].field"))
			.containsExactlyInAnyOrder("schoolUrn", "contactEmail", "usesSchoolBooking");
		assertThat(historyService.createHistoricProcessInstanceQuery().variableValueEquals("schoolUrn", "12").count())
			.isZero();
	}

	@Test
	void engineRestStartOfAnAlreadyRegisteredSchoolIsAConflict() {
		String urn = SchoolRegistrations.aUrn();
		assertThat(postSchool(Map.of("urn", urn, "name", "Hillside Academy", "contactEmail", "office@hillside.example"))
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

		ResponseEntity<String> conflict = startThroughEngineRest(
				"/engine-rest/process-definition/key/school-onboarding/start", variables(urn));

		assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void engineRestStartWithGoodVariablesRegistersTheSchoolUnderItsUrn() {
		String urn = SchoolRegistrations.aUrn();
		ResponseEntity<String> definition = http.getForEntity("/engine-rest/process-definition/key/school-onboarding",
				String.class);
		assertThat(definition.getStatusCode()).as(definition.getBody()).isEqualTo(HttpStatus.OK);
		String definitionId = JsonPath.read(definition.getBody(), "$.id");

		ResponseEntity<String> started = startThroughEngineRest(
				"/engine-rest/process-definition/" + definitionId + "/start", variables(urn));

		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(started.getBody(), "$.businessKey")).isEqualTo(urn);
		assertThat(JsonPath.<String>read(started.getBody(), "$.tenantId")).isEqualTo(urn);
		assertThat(JsonPath.<String>read(http.getForEntity("/api/schools/{urn}", String.class, urn).getBody(),
				"$.name")).isEqualTo("Hillside Academy");
	}

	private static Map<String, Object> variables(String urn) {
		return Map.of("schoolUrn", Map.of("value", urn), "schoolName", Map.of("value", "Hillside Academy"), "contactEmail",
				Map.of("value", "office@hillside.example"), "usesSchoolBooking", Map.of("value", false));
	}

	private ResponseEntity<String> postSchool(Map<String, ?> body) {
		return http.postForEntity("/api/schools", new HttpEntity<>(body, jsonHeaders()), String.class);
	}

	private ResponseEntity<String> get(ResponseEntity<String> accepted) {
		return http.getForEntity(accepted.getHeaders().getLocation(), String.class);
	}

	private ResponseEntity<String> startThroughEngineRest(String path, Map<String, Object> variables) {
		return http.postForEntity(path, new HttpEntity<>(Map.of("variables", variables), jsonHeaders()), String.class);
	}

	private static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}

	private long countSchools() {
		return jdbc.sql("select count(*) from school").query(Long.class).single();
	}
}
