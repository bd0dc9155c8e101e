package uk.schooldata.approvals.audit.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * The audit API as auditors, schools and apps meet it: the demo app asks Northfield for three scopes with a hostile
 * purpose, Northfield's administrator approves two of them through Camunda's REST API (as Tasklist does) and a second
 * administrator confirms the special-category one. The timeline, its CSV and the receipt then tell it, each to whom
 * may read it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class AuditApiIntegrationTests {

	static final String NORTH = "100001";

	static final String SOUTH = "100002";

	static final String ADMIN = "admin@northfield.example";

	static final String DEPUTY = "deputy@northfield.example";

	static final String HOSTILE_PURPOSE = "=HYPERLINK(\"http://evil.example\",\"Click\") <script>alert(1)</script>,\n"
			+ "second line";

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@RegisterExtension
	static WireMockExtension demoApp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void mailServerAndWebhookReceiver(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
		registry.add("app.demo.app.webhook-url", () -> demoApp.baseUrl() + "/hooks");
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identityService;

	@Autowired
	SchoolIdentities schoolIdentities;

	/** The partially approved request every test reads, decided once for the class. */
	static String decided;

	@BeforeEach
	void aPartiallyApprovedFourEyesDecisionAtNorthfield() {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		if (decided != null) {
			return;
		}
		DemoSchools.awaitActive(http, NORTH, SOUTH);
		DemoSchools.northfieldDeputy(schoolIdentities, identityService, "deputy");

		String id = JsonPath.read(submit(HOSTILE_PURPOSE).getBody(), "$.id");
		complete(ADMIN, "northfield", taskOf(id, "Task_ReviewRequest"), Map.of("decision", Map.of("value", "APPROVE"),
				"approvedScopes", Map.of("value", "[\"students.basic\",\"students.sen_needs\"]", "type", "Json")));
		complete(DEPUTY, "deputy", taskOf(id, "Task_ConfirmSpecialCategory"),
				Map.of("confirmation", Map.of("value", "CONFIRM")));
		await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.<List<Object>>read(
				as("auditor", "auditor").getForEntity("/api/access-requests/" + id, String.class).getBody(),
				"$.scopes[?(@.decision)]").size() == 3 && grantsRecorded(id));
		decided = id;
	}

	@Test
	void theTimelineTellsTheDecisionWithWhoDecidedEachStep() {
		String page = as("auditor", "auditor").getForEntity("/api/audit/events?schoolUrn=" + NORTH + "&appId=demo-app"
				+ "&type=REQUEST_SUBMITTED,REQUEST_REVIEWED,SPECIAL_CATEGORY_CONFIRMED,SCOPES_GRANTED&size=500",
				String.class).getBody();

		List<Map<String, Object>> events = JsonPath.read(page, "$.events[?(@.subjectId == '" + decided + "')]");
		assertThat(events).extracting(event -> event.get("type") + " by " + event.get("actor") + ": "
				+ event.get("decision")).containsExactly(
						"REQUEST_SUBMITTED by demo-app: requested: students.basic (required), students.sen_needs, "
								+ "students.dob",
						"REQUEST_REVIEWED by " + ADMIN + ": approved: students.basic, students.sen_needs; declined: "
								+ "students.dob",
						"SPECIAL_CATEGORY_CONFIRMED by " + DEPUTY + ": approved: students.basic, students.sen_needs; "
								+ "declined: students.dob",
						"SCOPES_GRANTED by " + ADMIN + " and " + DEPUTY + ": granted: students.basic, students.sen_needs");
		assertThat(events).allSatisfy(event -> {
			assertThat(event.get("schoolUrn")).isEqualTo(NORTH);
			assertThat(event.get("appId")).isEqualTo("demo-app");
			assertThat(event.get("subject")).isEqualTo(HOSTILE_PURPOSE);
			assertThat((String) event.get("processInstanceId")).isNotBlank();
			assertThat((String) event.get("time")).endsWith("Z");
		});
	}

	@Test
	void pagesFollowOneAnotherOldestFirstWithTheirTotals() {
		String all = as("auditor", "auditor").getForEntity("/api/audit/events?size=500", String.class).getBody();
		int total = JsonPath.read(all, "$.totalEvents");
		assertThat(total).isGreaterThanOrEqualTo(6);
		List<String> times = JsonPath.read(all, "$.events[*].time");
		assertThat(times).isSortedAccordingTo(String::compareTo);

		List<Object> paged = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			String body = as("auditor", "auditor").getForEntity("/api/audit/events?size=2&page=" + page, String.class)
				.getBody();
			assertThat(JsonPath.<Integer>read(body, "$.page")).isEqualTo(page);
			assertThat(JsonPath.<Integer>read(body, "$.size")).isEqualTo(2);
			assertThat(JsonPath.<Integer>read(body, "$.totalEvents")).isEqualTo(total);
			assertThat(JsonPath.<Integer>read(body, "$.totalPages")).isEqualTo((total + 1) / 2);
			paged.addAll(JsonPath.<List<Object>>read(body, "$.events"));
		}
		assertThat(paged).isEqualTo(JsonPath.<List<Object>>read(all, "$.events").subList(0, 6));

		String beyond = as("auditor", "auditor").getForEntity("/api/audit/events?size=500&page=1", String.class)
			.getBody();
		assertThat(JsonPath.<List<Object>>read(beyond, "$.events")).isEmpty();
		String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		assertThat(JsonPath.<Integer>read(as("auditor", "auditor")
			.getForEntity("/api/audit/events?from=" + tomorrow, String.class)
			.getBody(), "$.totalEvents")).isZero();
	}

	@Test
	void theCsvStreamsEveryEventWithHostileValuesEscapedForSpreadsheets() {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		ResponseEntity<String> csv = as("auditor", "auditor").exchange("/api/audit/events?schoolUrn=" + NORTH,
				HttpMethod.GET, new HttpEntity<>(headers), String.class);

		assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
		assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("audit-events.csv");
		String[] lines = csv.getBody().split("\r\n");
		assertThat(lines[0])
			.isEqualTo("time,type,actor,schoolUrn,appId,subject,subjectId,decision,reason,processInstanceId");
		String submitted = List.of(lines).stream()
			.filter(line -> line.contains(",REQUEST_SUBMITTED,") && line.contains(decided))
			.findFirst()
			.orElseThrow();
		assertThat(submitted).contains(",demo-app," + NORTH + ",demo-app,\"'=HYPERLINK(\"\"http://evil.example\"\","
				+ "\"\"Click\"\") <script>alert(1)</script>,\nsecond line\"," + decided
				+ ",\"requested: students.basic (required), students.sen_needs, students.dob\",,");
		String json = as("auditor", "auditor").getForEntity("/api/audit/events?size=500&schoolUrn=" + NORTH,
				String.class).getBody();
		assertThat(lines.length - 1).as("one CRLF-ended record per event; a line break inside a value does not end one")
			.isEqualTo(JsonPath.<Integer>read(json, "$.totalEvents"));
	}

	@Test
	void theReceiptOfAPartialFourEyesApprovalSaysWhoDecidedWhatAndWhen() {
		String receipt = as("auditor", "auditor").getForEntity("/api/access-requests/" + decided + "/receipt",
				String.class).getBody();

		assertThat(JsonPath.<String>read(receipt, "$.version")).isEqualTo("KI-CR-v1.1.0");
		assertThat(JsonPath.<String>read(receipt, "$.consentReceiptID")).isEqualTo(decided);
		assertThat(JsonPath.<String>read(receipt, "$.piiControllers[0].piiController")).isEqualTo("Northfield Academy");
		assertThat(JsonPath.<String>read(receipt, "$.services[0].purposes[0].purpose")).isEqualTo(HOSTILE_PURPOSE);
		assertThat(JsonPath.<List<String>>read(receipt, "$.services[0].purposes[0].piiCategory"))
			.containsExactly("students.basic", "students.sen_needs");
		assertThat(JsonPath.<Boolean>read(receipt, "$.sensitive")).isTrue();
		assertThat(JsonPath.<List<String>>read(receipt, "$.spiCat")).containsExactly("students.sen_needs");
		assertThat(JsonPath.<String>read(receipt, "$.request.status")).isEqualTo("PARTIALLY_APPROVED");
		assertThat(JsonPath.<List<String>>read(receipt, "$.scopes[*].decision"))
			.containsExactly("APPROVED", "APPROVED", "DECLINED");
		assertThat(JsonPath.<String>read(receipt, "$.decision.decidedBy")).isEqualTo(ADMIN);
		assertThat(JsonPath.<String>read(receipt, "$.decision.confirmedBy")).isEqualTo(DEPUTY);
		assertThat(JsonPath.<String>read(receipt, "$.decision.confirmation")).isEqualTo("CONFIRMED");
		assertThat(JsonPath.<String>read(receipt, "$.decision.confirmedAt")).isNotBlank();
		assertThat(JsonPath.<Number>read(receipt, "$.consentTimestamp").longValue()).isPositive();
		assertThat(JsonPath.<List<String>>read(receipt, "$.grants[*].scope"))
			.containsExactlyInAnyOrder("students.basic", "students.sen_needs");
		assertThat(as("demo-app", "demo-app-secret").getForEntity("/api/access-requests/" + decided + "/receipt",
				String.class).getStatusCode()).as("the app that asked").isEqualTo(HttpStatus.OK);
	}

	@Test
	void thePrintableReceiptShowsTheAppsTextAsTypedNeverAsMarkup() {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		ResponseEntity<String> page = as(ADMIN, "northfield").exchange("/api/access-requests/" + decided + "/receipt",
				HttpMethod.GET, new HttpEntity<>(headers), String.class);

		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("Northfield Academy (URN " + NORTH + ")")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert")
			.contains(ADMIN)
			.contains(DEPUTY)
			.contains("Special-category data confirmed by")
			.contains("Partly approved")
			.doesNotContain(decided);
	}

	@Test
	void appsAndOtherSchoolsAreRefusedAndASchoolSeesOnlyItself() {
		assertProblem(as("demo-app", "demo-app-secret").getForEntity("/api/audit/events", String.class), 403,
				"Apps may not read the audit record.");
		HttpHeaders csv = new HttpHeaders();
		csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		assertProblem(as("demo-app", "demo-app-secret").exchange("/api/audit/events", HttpMethod.GET,
				new HttpEntity<>(csv), String.class), 403, "Apps may not read the audit record.");
		assertProblem(as("admin@southbank.example", "southbank").getForEntity("/api/audit/events?schoolUrn=" + NORTH,
				String.class), 403, "You may read only your own school's audit record.");
		assertThat(http.getForEntity("/api/audit/events", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		String south = as("admin@southbank.example", "southbank").getForEntity("/api/audit/events?size=500",
				String.class).getBody();
		assertThat(JsonPath.<List<String>>read(south, "$.events[*].schoolUrn")).isNotEmpty().containsOnly(SOUTH);
		String southCsv = as("admin@southbank.example", "southbank").exchange("/api/audit/events", HttpMethod.GET,
				new HttpEntity<>(csv), String.class).getBody();
		assertThat(southCsv).doesNotContain(NORTH).contains("SCHOOL_ONBOARDED");

		assertProblem(as("admin@southbank.example", "southbank").getForEntity(
				"/api/access-requests/" + decided + "/receipt", String.class), 404, decided);
	}

	@Test
	void badFiltersAreRefusedWithWhatIsWrong() {
		ResponseEntity<String> bad = as("auditor", "auditor").getForEntity(
				"/api/audit/events?type=REQUEST_REVIEWED,GOSSIP&from=yesterday&size=0&page=-1", String.class);

		assertProblem(bad, 400, "type has no event type 'GOSSIP'");
		assertThat(JsonPath.<List<String>>read(bad.getBody(), "$.errors[*].field"))
			.containsExactlyInAnyOrder("type", "from", "size", "page");
		assertProblem(as("auditor", "auditor").getForEntity("/api/audit/events?from=2026-09-02&to=2026-09-01",
				String.class), 400, "to must be after from");
		HttpHeaders csv = new HttpHeaders();
		csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		assertProblem(as("auditor", "auditor").exchange("/api/audit/events?type=GOSSIP", HttpMethod.GET,
				new HttpEntity<>(csv), String.class), 400, "no event type 'GOSSIP'");

		String open = JsonPath.read(submit("Homework").getBody(), "$.id");
		assertProblem(as("auditor", "auditor").getForEntity("/api/access-requests/" + open + "/receipt", String.class),
				409, "the school has not decided it yet");
	}

	private static void assertProblem(ResponseEntity<String> response, int status, String detail) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(response.getBody(), "$.detail")).contains(detail);
	}

	private ResponseEntity<String> submit(String purpose) {
		Map<String, Object> body = Map.of("schoolUrn", NORTH, "purpose", purpose, "scopes", List.of(
				Map.of("name", "students.basic", "required", true),
				Map.of("name", "students.sen_needs", "required", false, "justification", "To adapt homework"),
				Map.of("name", "students.dob", "required", false)));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> answer = as("demo-app", "demo-app-secret").exchange("/api/access-requests",
				HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
		assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return answer;
	}

	private String taskOf(String requestId, String taskKey) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<String> ids = JsonPath.read(as("auditor", "auditor").getForEntity(
					"/engine-rest/task?processInstanceBusinessKey=" + requestId + "&taskDefinitionKey=" + taskKey,
					String.class).getBody(), "$[*].id");
			return ids.isEmpty() ? null : ids.get(0);
		}, found -> found != null);
	}

	private void complete(String user, String password, String task, Map<String, Object> variables) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(as(user, password).exchange("/engine-rest/task/" + task + "/claim", HttpMethod.POST,
				new HttpEntity<>(Map.of("userId", user), headers), String.class).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<String> completed = as(user, password).exchange("/engine-rest/task/" + task + "/complete",
				HttpMethod.POST, new HttpEntity<>(Map.of("variables", variables), headers), String.class);
		assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private boolean grantsRecorded(String requestId) {
		return !JsonPath.<List<Object>>read(as("auditor", "auditor")
			.getForEntity("/api/audit/events?type=SCOPES_GRANTED&schoolUrn=" + NORTH + "&size=500", String.class)
			.getBody(), "$.events[?(@.subjectId == '" + requestId + "')]").isEmpty();
	}

	private TestRestTemplate as(String user, String password) {
		return http.withBasicAuth(user, password);
	}
}
