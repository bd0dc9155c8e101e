package uk.schooldata.approvals.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;

/**
 * Every way around a school's decision that was found by trying (issue 8), each tried again as the attacker would,
 * through {@code /engine-rest} and through the webapps' engine API: each is refused, and nothing changed — no grant,
 * no status, no process instance, no email.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class ForgedDecisionsIntegrationTests {

	static final String NORTH = "100001";

	static final String SOUTH = "100002";

	static final String APP = "demo-app";

	static final String APP_SECRET = "demo-app-secret";

	static final String NORTH_ADMIN = "admin@northfield.example";

	static final String NORTH_PASSWORD = "northfield";

	static final String NORTH_DEPUTY = "deputy@northfield.example";

	static final String DEPUTY_PASSWORD = "Deputy-Pw-4e1f9a";

	static final String SOUTH_ADMIN = "admin@southbank.example";

	static final String SOUTH_PASSWORD = "southbank";

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@RegisterExtension
	static WireMockExtension demoApp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void mailServerAndWebhookReceiver(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
		registry.add("app.demo.app.webhook-url", () -> demoApp.baseUrl() + "/hooks");
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService taskService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	HistoryService historyService;

	@Autowired
	IdentityService identityService;

	@Autowired
	SchoolIdentities schoolIdentities;

	@Autowired
	ObjectMapper objectMapper;

	@BeforeEach
	void demoSchoolsOnboardedWithASecondAdministratorAtNorthfield() {
		DemoSchools.awaitActive(http, NORTH, SOUTH);
		DemoSchools.northfieldDeputy(schoolIdentities, identityService, DEPUTY_PASSWORD);
	}

	/**
	 * Every test asks anew for scopes the demo app does not hold.
	 */
	@BeforeEach
	void webhooksAreAcceptedAndTheDemoAppHoldsNothing() {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		jdbc.sql("update scope_grant set revoked_at = current_timestamp, revoked_by = 'test' where revoked_at is null")
			.update();
	}

	// 1. An app records grants itself, with start instructions.

	@Test
	void anAppCannotRecordGrantsWhileTheRequestAwaitsTheSecondAdministrator() {
		String request = awaitingSecondApproval();

		assertRefusedAndNothingStarted(() -> startAsApp(startAt("Task_RecordGrants", request)));
		assertRefusedAndNothingStarted(() -> startInWebapp(NORTH_ADMIN, NORTH_PASSWORD, startAt("Task_RecordGrants", request)));

		assertThat(status(request)).isEqualTo("AWAITING_SECOND_APPROVAL");
		assertThat(grantsFrom(request)).isEmpty();
		assertThat(decisionsOn(request)).containsExactly("REVIEWED");
	}

	@Test
	void anAppCannotRecordGrantsAfterTheSecondAdministratorRefused() {
		String request = awaitingSecondApproval();
		String confirmation = task(request, "Task_ConfirmSpecialCategory");
		assertThat(submitForm(NORTH_DEPUTY, DEPUTY_PASSWORD, confirmation,
				Map.of("confirmation", Map.of("value", "REFUSE"))).getStatusCode().value()).isEqualTo(204);
		await().untilAsserted(() -> assertThat(grantsFrom(request)).containsExactly("students.basic"));

		assertRefusedAndNothingStarted(() -> startAsApp(startAt("Task_RecordGrants", request)));

		assertThat(status(request)).isEqualTo("PARTIALLY_APPROVED");
		assertThat(grantsFrom(request)).containsExactly("students.basic");
		assertThat(decisionsOn(request)).containsExactly("REVIEWED", "REFUSED", "GRANTED");
		assertThat(inForce(NORTH)).doesNotContain("students.sen_needs");
	}

	@Test
	void anAppCannotBringBackAGrantTheSchoolRevoked() {
		String request = approved(SOUTH, SOUTH_ADMIN, SOUTH_PASSWORD, "calendar");
		assertThat(as(SOUTH_ADMIN, SOUTH_PASSWORD).exchange("/api/schools/" + SOUTH + "/grants/demo-app/calendar",
				HttpMethod.DELETE, null, String.class).getStatusCode().value()).isEqualTo(202);

		assertRefusedAndNothingStarted(() -> startAsApp(startAt("Task_RecordGrants", request)));

		assertThat(inForce(SOUTH)).doesNotContain("calendar");
	}

	@Test
	void anAppCannotMarkAnApprovedRequestWithdrawnNorMailTheAdministratorsAtWill() {
		String request = approved(SOUTH, SOUTH_ADMIN, SOUTH_PASSWORD, "calendar");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request).count() == 0);
		int emails = smtp.getReceivedMessages().length;

		assertRefusedAndNothingStarted(() -> startAsApp(startAt("Task_MarkWithdrawn", request)));
		assertRefusedAndNothingStarted(() -> startAsApp(startAt("Task_RemindAdministrators", request)));
		assertRefusedAndNothingStarted(() -> startAsApp(Map.of("variables", submission(SOUTH, "school"),
				"skipCustomListeners", true)));
		assertRefusedAndNothingStarted(() -> startAsApp(Map.of("variables", submission(SOUTH, "school"),
				"businessKey", request)));

		assertThat(status(request)).isEqualTo("APPROVED");
		assertThat(smtp.getReceivedMessages()).hasSize(emails);
	}

	@Test
	void appsCannotSignInToTheWebappsNorUseTheirEngineApi() {
		WebappSession app = WebappSession.signIn(port, APP, APP_SECRET, "welcome");

		assertThat(app.loginStatus).isEqualTo(403);
		assertThat(app.post(WebappSession.engine("/process-definition/key/data-access-request/start"),
				json(Map.of("variables", submission(NORTH, "school")))).statusCode()).isIn(401, 403);
		assertThat(app.get(WebappSession.engine("/task")).statusCode()).isEqualTo(401);
	}

	// 2. Four eyes bypassed by the reviewer.

	@Test
	void theReviewerCannotConfirmTheirOwnApprovalBySayingSomeoneElseReviewed() {
		String request = awaitingSecondApproval();
		String confirmation = task(request, "Task_ConfirmSpecialCategory");
		Map<String, Object> forged = Map.of("confirmation", Map.of("value", "CONFIRM"), "reviewedBy",
				Map.of("value", "someone.else@northfield.example"));

		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.POST, "/engine-rest/task/" + confirmation + "/complete",
				Map.of("variables", forged)).getStatusCode().value()).isEqualTo(403);
		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.PUT,
				"/engine-rest/task/" + confirmation + "/localVariables/reviewedBy",
				Map.of("value", "someone.else@northfield.example")).getStatusCode().value()).isEqualTo(403);
		WebappSession tasklist = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		assertThat(tasklist.put(WebappSession.engine("/task/" + confirmation + "/localVariables/reviewedBy"),
				"{\"value\": \"someone.else@northfield.example\"}").statusCode()).isEqualTo(403);
		assertThat(tasklist.post(WebappSession.engine("/task/" + confirmation + "/submit-form"),
				json(Map.of("variables", forged))).statusCode()).isEqualTo(403);
		HttpResponse<String> ownConfirmation = tasklist.post(WebappSession.engine("/task/" + confirmation + "/submit-form"),
				json(Map.of("variables", Map.of("confirmation", Map.of("value", "CONFIRM")))));
		assertThat(ownConfirmation.statusCode()).as("not offered to the reviewer at all").isEqualTo(403);
		assertThat(JsonPath.<String>read(ownConfirmation.body(), "$.message"))
			.as("what Tasklist shows: one plain sentence")
			.isEqualTo("This task is not offered to you, so you cannot complete it. If it is a confirmation, another "
					+ "administrator of the school must make it.");
		assertThat(ownConfirmation.body()).doesNotContain("ENGINE-", "Exception", confirmation);

		assertThat(status(request)).isEqualTo("AWAITING_SECOND_APPROVAL");
		assertThat(taskService.getVariables(confirmation)).doesNotContainEntry("reviewedBy",
				"someone.else@northfield.example");
		assertThat(taskService.createTaskQuery().taskId(confirmation).count()).isOne();
		assertThat(grantsFrom(request)).isEmpty();
		assertThat(decisionsOn(request)).containsExactly("REVIEWED");
	}

	@Test
	void theReviewerCannotRewriteWhatTheSecondAdministratorIsShown() {
		String request = awaitingSecondApproval();
		String confirmation = task(request, "Task_ConfirmSpecialCategory");
		Object shown = taskService.getVariable(confirmation, "specialScopeRows");

		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.PUT,
				"/engine-rest/task/" + confirmation + "/variables/specialScopeRows",
				Map.of("value", "[]", "type", "Json")).getStatusCode().value()).isEqualTo(403);
		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.POST,
				"/engine-rest/task/" + confirmation + "/variables",
				Map.of("modifications", Map.of("purpose", Map.of("value", "Nothing to see")))).getStatusCode().value())
			.isEqualTo(403);
		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.PUT,
				"/engine-rest/process-instance/" + instanceOf(request) + "/variables/purpose",
				Map.of("value", "Nothing to see")).getStatusCode().value()).isEqualTo(403);

		WebappSession tasklist = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		assertThat(tasklist.put(WebappSession.engine("/task/" + confirmation + "/variables/specialScopeRows"),
				"{\"value\": \"[]\", \"type\": \"Json\"}").statusCode()).isEqualTo(403);
		assertThat(tasklist.put(WebappSession.engine("/process-instance/" + instanceOf(request) + "/variables/purpose"),
				"{\"value\": \"Nothing to see\"}").statusCode()).isEqualTo(403);
		assertThat(tasklist.get(WebappSession.engine("/metrics/activity-instance/sum")).statusCode()).isEqualTo(403);

		assertThat(taskService.getVariable(confirmation, "specialScopeRows")).hasToString(shown.toString());
		assertThat(taskService.getVariable(confirmation, "purpose")).isNotEqualTo("Nothing to see");
	}

	// 3. One school's administrator decides another school's request.

	@Test
	void aRefusalReadsInTasklistAsOnePlainSentenceAndChangesNothing() {
		String request = submit(NORTH, scope("calendar", true), scope("school", false));
		String review = task(request, "Task_ReviewRequest");
		WebappSession tasklist = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		assertThat(tasklist.post(WebappSession.engine("/task/" + review + "/claim"),
				json(Map.of("userId", NORTH_ADMIN))).statusCode()).isEqualTo(204);

		HttpResponse<String> refused = tasklist.post(WebappSession.engine("/task/" + review + "/submit-form"),
				json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"school\"]", "type", "Json")))));

		assertThat(refused.statusCode()).isEqualTo(400);
		String message = JsonPath.read(refused.body(), "$.message");
		assertThat(message).as("what Tasklist shows").contains("calendar").endsWith(".")
			.doesNotContain("ENGINE-", "Exception", "TaskListener", review);
		assertThat(JsonPath.<String>read(refused.body(), "$.detail")).isEqualTo(message);
		assertThat(status(request)).isEqualTo("PENDING");
		assertThat(taskService.createTaskQuery().taskId(review).count()).isOne();
		assertThat(decisionsOn(request)).isEmpty();
	}

	@Test
	void anAdministratorCannotDecideAnotherSchoolsRequestThroughTheirOwnTask() {
		String north = submit(NORTH, scope("calendar", true));
		String south = submit(SOUTH, scope("calendar", true));
		String northReview = task(north, "Task_ReviewRequest");

		Map<String, Object> forged = Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
				Map.of("value", "[\"calendar\"]", "type", "Json"), "requestId", Map.of("value", south));
		assertThat(submitForm(NORTH_ADMIN, NORTH_PASSWORD, northReview, forged).getStatusCode().value()).isEqualTo(403);
		WebappSession tasklist = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		assertThat(tasklist.post(WebappSession.engine("/task/" + northReview + "/submit-form"),
				json(Map.of("variables", forged))).statusCode()).isEqualTo(403);

		assertThat(status(south)).isEqualTo("PENDING");
		assertThat(status(north)).isEqualTo("PENDING");
		assertThat(grantsFrom(south)).isEmpty();
		assertThat(decisionsOn(south)).isEmpty();
		assertThat(decisionsOn(north)).isEmpty();
	}

	// 5. Medium.

	@Test
	void aSchoolUrnThatIsNotTextStartsNothing() {
		Map<String, Object> asNumber = Map.of("variables", Map.of("schoolUrn", Map.of("value", 100001), "purpose",
				Map.of("value", "Homework"), "scopes", Map.of("value", "[{\"name\":\"calendar\",\"required\":true}]")));
		Map<String, Object> typedInteger = Map.of("variables", Map.of("schoolUrn",
				Map.of("value", "100001", "type", "Integer"), "purpose", Map.of("value", "Homework"), "scopes",
				Map.of("value", "[{\"name\":\"calendar\",\"required\":true}]")));

		assertRefusedAndNothingStarted(() -> startAsApp(asNumber));
		assertRefusedAndNothingStarted(() -> startAsApp(typedInteger));
	}

	@Test
	void anAuditorCannotCommentAndAppsAndAdministratorsCannotReadPlatformMetrics() {
		String request = submit(NORTH, scope("school", true));
		String review = task(request, "Task_ReviewRequest");

		assertThat(call("auditor", "auditor", HttpMethod.POST, "/engine-rest/task/" + review + "/comment/create",
				Map.of("message", "Looks fine to me")).getStatusCode().value()).isEqualTo(403);
		assertThat(taskService.getTaskComments(review)).isEmpty();
		assertThat(call(APP, APP_SECRET, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", null)
			.getStatusCode().value()).isEqualTo(403);
		assertThat(call(NORTH_ADMIN, NORTH_PASSWORD, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", null)
			.getStatusCode().value()).isEqualTo(403);
		assertThat(call("demo", "demo", HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", null)
			.getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void theAuditorReadsInCockpitAndChangesNothing() {
		String request = submit(SOUTH, scope("school", true));
		String review = task(request, "Task_ReviewRequest");
		WebappSession cockpit = WebappSession.signIn(port, "auditor", "auditor", "cockpit");

		assertThat(cockpit.loginStatus).isEqualTo(200);
		assertThat(cockpit.post(WebappSession.engine("/process-instance/count"), "{}").statusCode()).isEqualTo(200);
		assertThat(cockpit.get(WebappSession.engine("/process-instance/" + instanceOf(request) + "/activity-instances"))
			.statusCode()).isEqualTo(200);
		assertThat(cockpit.post(WebappSession.engine("/task/" + review + "/comment/create"),
				"{\"message\": \"Looks fine\"}").statusCode()).isEqualTo(403);
		assertThat(cockpit.post(WebappSession.engine("/task/" + review + "/claim"), "{\"userId\": \"auditor\"}")
			.statusCode()).isEqualTo(403);
		assertThat(cockpit.put(WebappSession.engine("/process-instance/" + instanceOf(request) + "/suspended"),
				"{\"suspended\": true}").statusCode()).isEqualTo(403);
		assertThat(cockpit.get(WebappSession.engine("/metrics/activity-instance/sum")).statusCode()).isEqualTo(403);

		assertThat(taskService.getTaskComments(review)).isEmpty();
		assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceOf(request)).active().count())
			.isOne();
	}

	@Test
	void tasklistStillWorksForTheSchoolsAdministrator() {
		String request = submit(SOUTH, scope("staff_members.basic", true));
		String review = task(request, "Task_ReviewRequest");
		WebappSession tasklist = WebappSession.signIn(port, SOUTH_ADMIN, SOUTH_PASSWORD, "tasklist");

		assertThat(tasklist.loginStatus).isEqualTo(200);
		assertThat(tasklist.get(WebappSession.engine("/filter?resourceType=Task")).statusCode()).isEqualTo(200);
		assertThat(tasklist.get(WebappSession.engine("/task/" + review + "/form")).statusCode()).isEqualTo(200);
		assertThat(tasklist.get(WebappSession.engine("/task/" + review + "/deployed-form")).statusCode()).isEqualTo(200);
		assertThat(tasklist.get(WebappSession.engine("/task/" + review + "/form-variables")).statusCode()).isEqualTo(200);
		assertThat(tasklist.post(WebappSession.engine("/task/" + review + "/claim"),
				json(Map.of("userId", SOUTH_ADMIN))).statusCode()).isEqualTo(204);
		HttpResponse<String> comment = tasklist.post(WebappSession.engine("/task/" + review + "/comment/create"),
				json(Map.of("message", "Checking with the head", "processInstanceId", instanceOf(request))));
		assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
		assertThat(tasklist.post(WebappSession.engine("/task/" + review + "/submit-form"),
				json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"staff_members.basic\"]", "type", "Json"))))).statusCode()).isEqualTo(204);

		await().untilAsserted(() -> assertThat(grantsFrom(request)).containsExactly("staff_members.basic"));
	}

	private String awaitingSecondApproval() {
		String request = submit(NORTH, scope("students.basic", true),
				Map.of("name", "students.sen_needs", "required", false, "justification", "Adapt homework"));
		String review = task(request, "Task_ReviewRequest");
		assertThat(submitForm(NORTH_ADMIN, NORTH_PASSWORD, review, Map.of("decision", Map.of("value", "APPROVE"),
				"approvedScopes", Map.of("value", "[\"students.basic\",\"students.sen_needs\"]", "type", "Json")))
			.getStatusCode().value()).isEqualTo(204);
		assertThat(status(request)).isEqualTo("AWAITING_SECOND_APPROVAL");
		return request;
	}

	private String approved(String urn, String administrator, String password, String scope) {
		String request = submit(urn, scope(scope, true));
		assertThat(submitForm(administrator, password, task(request, "Task_ReviewRequest"),
				Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"" + scope + "\"]", "type", "Json")))
			.getStatusCode().value()).isEqualTo(204);
		await().untilAsserted(() -> assertThat(grantsFrom(request)).containsExactly(scope));
		return request;
	}

	@SafeVarargs
	private String submit(String urn, Map<String, Object>... scopes) {
		ResponseEntity<String> submitted = call(APP, APP_SECRET, HttpMethod.POST, "/api/access-requests",
				Map.of("schoolUrn", urn, "purpose", "Homework " + UUID.randomUUID(), "scopes", List.of(scopes)));
		assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(202);
		return JsonPath.read(submitted.getBody(), "$.id");
	}

	private static Map<String, Object> scope(String name, boolean required) {
		return Map.of("name", name, "required", required);
	}

	private static Map<String, Object> submission(String urn, String scope) {
		return Map.of("schoolUrn", Map.of("value", urn), "purpose", Map.of("value", "Homework"), "scopes",
				Map.of("value", "[{\"name\":\"" + scope + "\",\"required\":true}]", "type", "Json"));
	}

	private static Map<String, Object> startAt(String activityId, String requestId) {
		return Map.of("variables", submission(NORTH, "calendar"), "startInstructions",
				List.of(Map.of("type", "startBeforeActivity", "activityId", activityId, "variables",
						Map.of("requestId", Map.of("value", requestId)))));
	}

	private int startAsApp(Map<String, Object> body) {
		return call(APP, APP_SECRET, HttpMethod.POST, "/engine-rest/process-definition/key/data-access-request/start",
				body).getStatusCode().value();
	}

	private int startInWebapp(String user, String password, Map<String, Object> body) {
		return WebappSession.signIn(port, user, password, "tasklist")
			.post(WebappSession.engine("/process-definition/key/data-access-request/start"), json(body))
			.statusCode();
	}

	private void assertRefusedAndNothingStarted(java.util.function.IntSupplier attack) {
		long instances = historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey("data-access-request")
			.count();
		long requests = jdbc.sql("select count(*) from access_request").query(Long.class).single();
		long decisions = decisionRecordSize();

		assertThat(attack.getAsInt()).isBetween(400, 499);

		assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("data-access-request").count())
			.isEqualTo(instances);
		assertThat(jdbc.sql("select count(*) from access_request").query(Long.class).single()).isEqualTo(requests);
		assertThat(decisionRecordSize()).as("nothing added to the decision record").isEqualTo(decisions);
	}

	private long decisionRecordSize() {
		return jdbc.sql("select count(*) from decision_record").query(Long.class).single();
	}

	/**
	 * The kinds of decision the decision record holds about the request, in order.
	 */
	private List<String> decisionsOn(String request) {
		return jdbc.sql("select kind from decision_record where subject = :id order by school_urn, position")
			.param("id", request)
			.query(String.class)
			.list();
	}

	private String task(String request, String taskKey) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			Task task = taskService.createTaskQuery()
				.processInstanceBusinessKey(request)
				.taskDefinitionKey(taskKey)
				.singleResult();
			return task == null ? null : task.getId();
		}, found -> found != null);
	}

	private String instanceOf(String request) {
		return jdbc.sql("select process_instance_id from access_request where id = :id")
			.param("id", request)
			.query(String.class)
			.single();
	}

	private ResponseEntity<String> submitForm(String user, String password, String task, Map<String, Object> variables) {
		return call(user, password, HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form",
				Map.of("variables", variables));
	}

	private String status(String request) {
		return jdbc.sql("select status from access_request where id = :id").param("id", request).query(String.class).single();
	}

	private List<String> grantsFrom(String request) {
		return jdbc.sql("select scope from scope_grant where request_id = :id and revoked_at is null order by scope")
			.param("id", request)
			.query(String.class)
			.list();
	}

	private List<String> inForce(String urn) {
		return jdbc.sql("select scope from scope_grant where school_urn = :urn and app_id = :app and revoked_at is null")
			.param("urn", urn)
			.param("app", APP)
			.query(String.class)
			.list();
	}

	private String json(Object body) {
		try {
			return objectMapper.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private TestRestTemplate as(String user, String password) {
		return http.withBasicAuth(user, password);
	}

	private ResponseEntity<String> call(String user, String password, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return as(user, password).exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}
}
