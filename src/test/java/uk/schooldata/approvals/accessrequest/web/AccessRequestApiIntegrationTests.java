package uk.schooldata.approvals.accessrequest.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;

/**
 * Data access requests as apps and schools meet them: the demo app asks the demo school over the REST API, a school
 * administrator approves in the engine (as Tasklist does, through Camunda's REST API), the job executor runs, the app's
 * webhook receiver (WireMock) and the administrators' mailbox (GreenMail) hear about it, and revocation takes it back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class AccessRequestApiIntegrationTests {

	static final String NORTH = "100001";

	static final String SOUTH = "100002";

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
	JdbcClient jdbc;

	@BeforeEach
	void demoSchoolsOnboarded() {
		DemoSchools.awaitActive(http, NORTH, SOUTH);
	}

	@Test
	void fromSubmissionThroughApprovalToDataFlowingAndRevocationToDenied() throws Exception {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		ResponseEntity<String> accepted = submit("key-approval", NORTH, Map.of("name", "students.basic", "required", true),
				Map.of("name", "students.dob", "required", false));
		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = JsonPath.read(accepted.getBody(), "$.id");
		assertThat(accepted.getHeaders().getLocation()).hasPath("/api/access-requests/" + id);
		assertThat(accepted.getHeaders().getLocation().isAbsolute()).as("every Location is absolute").isTrue();

		String task = await().atMost(Duration.ofSeconds(10)).until(() -> reviewTaskOf(id), found -> found != null);
		assertThat(call("admin@northfield.example", "northfield", HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
				Map.of("userId", "admin@northfield.example")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(call("admin@northfield.example", "northfield", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
				Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"students.basic\",\"students.dob\"]", "type", "Json"))))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		ResponseEntity<String> again = call("admin@northfield.example", "northfield", HttpMethod.POST,
				"/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of("decision", Map.of("value", "DECLINE"))));
		assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.NOT_FOUND);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JsonPath.<String>read(
				as("demo-app", "demo-app-secret").getForEntity("/api/access-requests/" + id, String.class).getBody(),
				"$.status")).isEqualTo("APPROVED"));
		assertThat(JsonPath.<List<String>>read(as("admin@northfield.example", "northfield")
			.getForEntity("/api/schools/" + NORTH + "/grants", String.class)
			.getBody(), "$[?(@.appId == 'demo-app')].scopes[*].scope")).containsExactlyInAnyOrder("students.basic",
					"students.dob");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> demoApp.verify(postRequestedFor(urlEqualTo("/hooks"))
				.withHeader("X-SDA-Event", equalTo("access-request.approved"))));
		MimeMessage receipt = await().atMost(Duration.ofSeconds(30)).until(() -> receiptTo("admin@northfield.example"),
				found -> found != null);
		assertThat(receipt.getSubject()).isEqualTo("Receipt: Demo Homework App may now receive data from your school");
		assertThat(GreenMailUtil.getBody(receipt)).contains("admin@northfield.example").contains("students.dob");

		String flow = dataFlow("students.dob");
		assertThat(JsonPath.<Boolean>read(flow, "$.allowed")).isTrue();
		assertThat(JsonPath.<Boolean>read(flow, "$.misTap.open")).isTrue();
		assertThat(JsonPath.<String>read(flow, "$.platformTap.grantedAt")).isNotBlank();

		ResponseEntity<String> revoked = call("admin@northfield.example", "northfield", HttpMethod.DELETE,
				"/api/schools/" + NORTH + "/grants/demo-app/students.dob", null);
		assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(JsonPath.<List<String>>read(as("admin@northfield.example", "northfield")
			.getForEntity("/api/schools/" + NORTH + "/grants", String.class)
			.getBody(), "$[?(@.appId == 'demo-app')].scopes[*].scope")).containsExactly("students.basic");
		assertThat(JsonPath.<Boolean>read(dataFlow("students.dob"), "$.allowed")).isFalse();
		assertThat(JsonPath.<Boolean>read(dataFlow("students.dob"), "$.platformTap.open")).isFalse();
		assertThat(JsonPath.<Boolean>read(dataFlow("students.basic"), "$.allowed")).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> demoApp.verify(postRequestedFor(urlEqualTo("/hooks"))
				.withHeader("X-SDA-Event", equalTo("grants.revoked"))));
	}

	@Test
	void theDecisionRecordIsCheckedByAuditorsAndEachSchoolForItselfButNotByApps() {
		ResponseEntity<String> byApp = as("demo-app", "demo-app-secret").getForEntity("/api/audit/verify", String.class);
		assertThat(byApp.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(byApp.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(byApp.getBody(), "$.detail")).isEqualTo("Apps may not read the audit record.");

		ResponseEntity<String> otherSchool = as("admin@northfield.example", "northfield")
			.getForEntity("/api/audit/verify?schoolUrn=" + SOUTH, String.class);
		assertThat(otherSchool.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JsonPath.<String>read(otherSchool.getBody(), "$.detail"))
			.isEqualTo("You may read only your own school's audit record.");

		jdbc.sql("""
				insert into decision_record (id, school_urn, position, kind, subject, actor, recorded_at,
				  previous_hash, hash)
				values ('forged', '999998', 1, 'GRANTED', 'forged', 'nobody', current_timestamp, :zero, :zero)
				""").param("zero", "0".repeat(64)).update();
		try {
			String own = as("admin@northfield.example", "northfield").getForEntity("/api/audit/verify", String.class)
				.getBody();
			assertThat(JsonPath.<Boolean>read(own, "$.intact")).as("only Northfield's chain, which is whole").isTrue();
			assertThat(JsonPath.<List<Object>>read(own, "$.breaks")).isEmpty();

			String everySchool = as("auditor", "auditor").getForEntity("/api/audit/verify", String.class).getBody();
			assertThat(JsonPath.<Boolean>read(everySchool, "$.intact")).isFalse();
			assertThat(JsonPath.<List<String>>read(everySchool, "$.breaks[*].schoolUrn")).containsExactly("999998");
			assertThat(JsonPath.<List<String>>read(everySchool, "$.breaks[*].recordId")).containsExactly("forged");
		}
		finally {
			jdbc.sql("delete from decision_record where id = 'forged'").update();
		}
	}

	@Test
	void aRetriedSubmissionWithTheSameIdempotencyKeyReturnsTheSameRequest() {
		ResponseEntity<String> first = submit("key-retry", SOUTH, Map.of("name", "school", "required", true));
		ResponseEntity<String> again = submit("key-retry", SOUTH, Map.of("name", "school", "required", true));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(again.getBody(), "$.id"))
			.isEqualTo(JsonPath.<String>read(first.getBody(), "$.id"));
	}

	@Test
	void refusesBadRequestsNamingWhatIsWrong() {
		assertRefused(submit(null, SOUTH, Map.of("name", "students.shoe_size", "required", true)), 400,
				"scopes[0].name", "not a known scope");
		assertRefused(submit(null, SOUTH, Map.of("name", "students.dob", "required", true)), 400, "scopes[0].name",
				"needs students.basic");
		assertRefused(submit(null, SOUTH, Map.of("name", "school", "required", true),
				Map.of("name", "school", "required", false)), 400, "scopes[1].name", "more than once");
		assertRefused(submit(null, SOUTH), 400, "scopes", "at least one scope");
		assertRefused(submit(null, SOUTH, Map.of("name", "students.basic", "required", true),
				Map.of("name", "students.ethnicity", "required", false)), 400, "scopes[1].justification",
				"special-category");
		assertRefused(submit(null, "999997", Map.of("name", "school", "required", true)), 409, null, "not onboarded");
		ResponseEntity<String> malformed = as("demo-app", "demo-app-secret").exchange("/api/access-requests",
				HttpMethod.POST, new HttpEntity<>("{\"schoolUrn\": ", jsonHeaders(null)), String.class);
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void onlyAppsSubmitAndEachSeesOnlyItsOwnRequestsAndSchool() {
		String id = JsonPath.read(submit(null, SOUTH, Map.of("name", "calendar", "required", true)).getBody(), "$.id");

		assertThat(call("admin@northfield.example", "northfield", HttpMethod.POST, "/api/access-requests",
				Map.of("schoolUrn", NORTH, "purpose", "x", "scopes", List.of(Map.of("name", "school"))))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("admin@northfield.example", "northfield").getForEntity("/api/access-requests/" + id, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("admin@southbank.example", "southbank").getForEntity("/api/access-requests/" + id, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(as("admin@northfield.example", "northfield")
			.getForEntity("/api/access-requests?schoolUrn=" + SOUTH, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("admin@northfield.example", "northfield").getForEntity("/api/schools/" + SOUTH + "/grants",
				String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call("admin@northfield.example", "northfield", HttpMethod.DELETE,
				"/api/schools/" + SOUTH + "/grants/demo-app", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call("demo-app", "demo-app-secret", HttpMethod.DELETE, "/api/schools/" + NORTH + "/grants/demo-app",
				null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JsonPath.<List<String>>read(as("demo-app", "demo-app-secret")
			.getForEntity("/api/access-requests", String.class)
			.getBody(), "$[*].appId")).containsOnly("demo-app");
	}

	@Test
	void theAppWithdrawsItsOwnPendingRequestOnly() {
		String id = JsonPath.read(submit(null, SOUTH, Map.of("name", "students.basic", "required", true)).getBody(),
				"$.id");

		assertThat(call("admin@southbank.example", "southbank", HttpMethod.DELETE, "/api/access-requests/" + id, null)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> withdrawn = call("demo-app", "demo-app-secret", HttpMethod.DELETE,
				"/api/access-requests/" + id, null);

		assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(withdrawn.getBody(), "$.status")).isEqualTo("WITHDRAWN");
		assertThat(call("demo-app", "demo-app-secret", HttpMethod.DELETE, "/api/access-requests/" + id, null)
			.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void anAppStartsARequestThroughEngineRestAsItselfWithTheSameRules() {
		ResponseEntity<String> started = call("demo-app", "demo-app-secret", HttpMethod.POST,
				"/engine-rest/process-definition/key/data-access-request/start",
				Map.of("variables", Map.of("schoolUrn", Map.of("value", SOUTH), "purpose", Map.of("value", "Timetables"),
						"scopes", Map.of("value", "[{\"name\": \"calendar\", \"required\": true}]"))));
		assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
		String id = JsonPath.read(started.getBody(), "$.businessKey");
		assertThat(JsonPath.<String>read(started.getBody(), "$.tenantId")).isEqualTo(SOUTH);
		assertThat(JsonPath.<String>read(
				as("demo-app", "demo-app-secret").getForEntity("/api/access-requests/" + id, String.class).getBody(),
				"$.appId")).isEqualTo("demo-app");

		ResponseEntity<String> impersonating = call("demo-app", "demo-app-secret", HttpMethod.POST,
				"/engine-rest/process-definition/key/data-access-request/start",
				Map.of("variables", Map.of("schoolUrn", Map.of("value", SOUTH), "purpose", Map.of("value", "x"),
						"appId", Map.of("value", "other-app"), "scopes",
						Map.of("value", "[{\"name\": \"calendar\", \"required\": true}]"))));
		assertRefused(impersonating, 400, "appId", "signed-in app");
		assertRefused(call("demo-app", "demo-app-secret", HttpMethod.POST,
				"/engine-rest/process-definition/key/data-access-request/start",
				Map.of("variables", Map.of("schoolUrn", Map.of("value", SOUTH), "purpose", Map.of("value", "x"),
						"scopes", Map.of("value", "[{\"name\": \"no.such.scope\"}]")))), 400, "scopes[0].name",
				"not a known scope");
	}

	@Test
	void anIdempotencyKeyLongerThanTwoHundredCharactersIsRefusedAndNothingIsWritten() {
		long before = requestCount();

		assertRefused(submit("k".repeat(201), SOUTH, Map.of("name", "school", "required", true)), 400,
				"Idempotency-Key", "1 to 200 characters");

		assertThat(requestCount()).isEqualTo(before);
		assertThat(submit("k".repeat(200), SOUTH, Map.of("name", "school", "required", true)).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
	}

	@Test
	void fiveSimultaneousSubmissionsWithOneKeyMakeOneRequest() throws Exception {
		List<ResponseEntity<String>> answers = simultaneously(5,
				() -> submit("key-race", SOUTH, Map.of("name", "calendar", "required", true)));

		assertThat(answers).extracting(answer -> answer.getStatusCode().value())
			.containsOnlyOnce(202)
			.allSatisfy(status -> assertThat(status).isIn(200, 202, 409));
		assertThat(answers).filteredOn(answer -> answer.getStatusCode().value() == 409)
			.allSatisfy(answer -> assertThat(answer.getBody()).contains("simultaneous-submission"));
		assertThat(jdbc.sql("select count(*) from access_request where idempotency_key = 'key-race'")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void twoIdenticalSubmissionsAtTheSameInstantLeaveOnePendingRequest() throws Exception {
		List<ResponseEntity<String>> answers = simultaneously(2,
				() -> submit(null, NORTH, Map.of("name", "staff_members.basic", "required", true)));

		assertThat(answers).extracting(answer -> answer.getStatusCode().value())
			.allSatisfy(status -> assertThat(status).isIn(202, 409))
			.contains(202);
		assertThat(jdbc.sql("""
				select count(*) from access_request
				where app_id = 'demo-app' and school_urn = :urn and status in ('PENDING', 'AWAITING_SECOND_APPROVAL')
				""").param("urn", NORTH).query(Long.class).single()).isOne();
	}

	@Test
	void twoSimultaneousCompletionsOfOneReviewHaveOneWinner() throws Exception {
		String id = JsonPath.read(submit(null, NORTH, Map.of("name", "calendar", "required", true)).getBody(), "$.id");
		String task = await().atMost(Duration.ofSeconds(10)).until(() -> reviewTaskOf(id), found -> found != null);

		List<ResponseEntity<String>> answers = simultaneously(2, () -> call("admin@northfield.example", "northfield",
				HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form",
				Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"calendar\"]", "type", "Json")))));

		assertThat(answers).extracting(answer -> answer.getStatusCode().value())
			.containsOnlyOnce(204)
			.allSatisfy(status -> assertThat(status).isIn(204, 400, 404, 409));
		assertThat(jdbc.sql("select status from access_request where id = :id").param("id", id).query(String.class)
			.single()).isEqualTo("APPROVED");
		assertThat(jdbc.sql("select count(*) from scope_grant where request_id = :id").param("id", id)
			.query(Long.class)
			.single()).isOne();
	}

	private <T> List<T> simultaneously(int callers, Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long requestCount() {
		return jdbc.sql("select count(*) from access_request").query(Long.class).single();
	}

	@Test
	void listsTheScopeCatalogue() {
		String scopes = as("demo-app", "demo-app-secret").getForEntity("/api/scopes", String.class).getBody();

		assertThat(JsonPath.<List<String>>read(scopes, "$[*].name")).contains("students.basic", "contacts.basic",
				"staff_members.salaries", "attendances", "assessments.national", "timetables");
		assertThat(JsonPath.<List<String>>read(scopes, "$[?(@.name == 'students.ethnicity')].sensitivity"))
			.containsExactly("special-category");
		assertThat(JsonPath.<List<List<String>>>read(scopes, "$[?(@.name == 'students.dob')].dependsOn"))
			.containsExactly(List.of("students.basic"));
	}

	private static MimeMessage receiptTo(String administrator) throws Exception {
		for (MimeMessage message : smtp.getReceivedMessagesForDomain("northfield.example")) {
			if (message.getSubject().startsWith("Receipt:")
					&& message.getAllRecipients()[0].toString().equals(administrator)) {
				return message;
			}
		}
		return null;
	}

	private String dataFlow(String scope) {
		ResponseEntity<String> answer = as("demo-app", "demo-app-secret")
			.getForEntity("/api/schools/" + NORTH + "/apps/demo-app/data-flow?scope=" + scope, String.class);
		assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
		return answer.getBody();
	}

	private String reviewTaskOf(String requestId) {
		List<String> ids = JsonPath.read(as("admin@northfield.example", "northfield")
			.getForEntity("/engine-rest/task?processInstanceBusinessKey=" + requestId, String.class)
			.getBody(), "$[*].id");
		return ids.isEmpty() ? null : ids.get(0);
	}

	@SafeVarargs
	private ResponseEntity<String> submit(String idempotencyKey, String urn, Map<String, Object>... scopes) {
		Map<String, Object> body = Map.of("schoolUrn", urn, "purpose", "Homework for every class",
				"scopes", List.of(scopes));
		return as("demo-app", "demo-app-secret").exchange("/api/access-requests", HttpMethod.POST,
				new HttpEntity<>(body, jsonHeaders(idempotencyKey)), String.class);
	}

	private static void assertRefused(ResponseEntity<String> response, int status, String field, String detail) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(response.getBody(), "$.detail")).contains(detail);
		if (field != null) {
			assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field")).contains(field);
		}
	}

	private ResponseEntity<String> call(String user, String password, HttpMethod method, String path, Object body) {
		return as(user, password).exchange(path, method, new HttpEntity<>(body, jsonHeaders(null)), String.class);
	}

	private TestRestTemplate as(String user, String password) {
		return http.withBasicAuth(user, password);
	}

	private static HttpHeaders jsonHeaders(String idempotencyKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			headers.set("Idempotency-Key", idempotencyKey);
		}
		return headers;
	}
}
