package uk.schooldata.approvals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

import com.jayway.jsonpath.JsonPath;

/**
 * Who may do what, route by route: every role against {@code /api} and {@code /engine-rest}, across schools and
 * across apps. The demo identities are seeded with passwords of this test's own, so that the last test can look for
 * them in every response and log line.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=false", "app.demo.enabled=true",
				"app.operator.password=" + AccessControlIntegrationTests.OPERATOR_PASSWORD,
				"app.demo.auditor.password=" + AccessControlIntegrationTests.AUDITOR_PASSWORD,
				"app.demo.app.secret=" + AccessControlIntegrationTests.APP_SECRET,
				"app.demo.app.webhook-secret=" + AccessControlIntegrationTests.APP_WEBHOOK_SECRET,
				// A list is bound whole from one source: every field of both demo schools.
				"app.demo.schools[0].urn=100001", "app.demo.schools[0].name=Northfield Academy",
				"app.demo.schools[0].administrator=admin@northfield.example",
				"app.demo.schools[0].password=" + AccessControlIntegrationTests.NORTH_PASSWORD,
				"app.demo.schools[1].urn=100002", "app.demo.schools[1].name=Southbank School",
				"app.demo.schools[1].administrator=admin@southbank.example",
				"app.demo.schools[1].password=" + AccessControlIntegrationTests.SOUTH_PASSWORD })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class AccessControlIntegrationTests {

	static final String OPERATOR_PASSWORD = "Operator-Pw-7c1e9b";
	static final String AUDITOR_PASSWORD = "Auditor-Pw-52aa0d";
	static final String APP_SECRET = "App-Secret-3f9d41";
	static final String APP_WEBHOOK_SECRET = "App-Webhook-Secret-8b27e5";
	static final String NORTH_PASSWORD = "North-Pw-90be17";
	static final String SOUTH_PASSWORD = "South-Pw-c4d2e8";

	static final Map<String, Object> A_NEW_USER = Map.of("profile",
			Map.of("id", "intruder", "firstName", "In", "lastName", "Truder"), "credentials",
			Map.of("password", "Intruder-Pw-5e6f7a"));

	static final String NORTH = "100001";
	static final String SOUTH = "100002";

	enum Who {
		ANONYMOUS(null, null),
		/** A user of its own: Camunda delays a user's next sign-in after a wrong password. */
		WRONG_PASSWORD("forgetful", "not-the-password"),
		OPERATOR("demo", OPERATOR_PASSWORD),
		NORTH_ADMIN("admin@northfield.example", NORTH_PASSWORD),
		SOUTH_ADMIN("admin@southbank.example", SOUTH_PASSWORD),
		AUDITOR("auditor", AUDITOR_PASSWORD),
		APP("demo-app", APP_SECRET),
		/** The demo app's secret under another app's id. */
		APP_AS_OTHER_APP("impersonated-app", APP_SECRET);

		final String user;

		final String password;

		Who(String user, String password) {
			this.user = user;
			this.password = password;
		}
	}

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	JdbcClient jdbc;

	String northTask;

	String southTask;

	String southInstance;

	String otherAppSecret;

	String otherAppWebhookSecret;

	@BeforeAll
	void schoolTasksAndASecondApp() {
		repositoryService.createDeployment()
			.addClasspathResource("security/school-review.bpmn")
			.name("access-control-tests")
			.deploy();
		runtimeService.startProcessInstanceByKey("school-review-test", "north-review",
				Variables.putValue("schoolUrn", NORTH));
		southInstance = runtimeService
			.startProcessInstanceByKey("school-review-test", "south-review", Variables.putValue("schoolUrn", SOUTH))
			.getId();
		northTask = taskService.createTaskQuery().tenantIdIn(NORTH).processDefinitionKey("school-review-test")
			.singleResult().getId();
		southTask = taskService.createTaskQuery().tenantIdIn(SOUTH).processDefinitionKey("school-review-test")
			.singleResult().getId();

		ResponseEntity<String> registered = call(Who.OPERATOR, HttpMethod.POST, "/api/apps",
				Map.of("appId", "other-app", "name", "Other App", "contactEmail", "dev@other.example", "webhookUrl",
						"https://other.example/hooks"));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		otherAppSecret = JsonPath.read(registered.getBody(), "$.secret");
		otherAppWebhookSecret = JsonPath.read(registered.getBody(), "$.webhookSecret");
		assertThat(call(Who.OPERATOR, HttpMethod.POST, "/api/apps", Map.of("appId", "impersonated-app", "name",
				"Impersonated App", "contactEmail", "dev@impersonated.example", "webhookUrl",
				"https://impersonated.example/hooks")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(call(Who.OPERATOR, HttpMethod.POST, "/engine-rest/user/create",
				Map.of("profile", Map.of("id", "forgetful", "firstName", "Forgetful", "lastName", "User"),
						"credentials", Map.of("password", "Forgetful-Pw-1d2e3f"))).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	static Stream<Arguments> routes() {
		return Stream.of(
				// Open without login: health only.
				route(Who.ANONYMOUS, HttpMethod.GET, "/actuator/health", 200),
				route(Who.ANONYMOUS, HttpMethod.GET, "/actuator/info", 401),
				// Camunda's login page probes it; a Basic challenge would pop up the browser's login box.
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda-welcome", 404),
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda-welcome/index.html", 401),
				route(Who.ANONYMOUS, HttpMethod.GET, "/api/schools/" + NORTH, 401),
				route(Who.ANONYMOUS, HttpMethod.GET, "/engine-rest/task", 401),
				route(Who.ANONYMOUS, HttpMethod.GET, "/engine-rest/process-definition", 401),
				route(Who.WRONG_PASSWORD, HttpMethod.GET, "/api/schools/" + NORTH, 401),
				route(Who.WRONG_PASSWORD, HttpMethod.GET, "/engine-rest/task", 401),
				route(Who.APP_AS_OTHER_APP, HttpMethod.GET, "/api/apps/impersonated-app", 401),
				// Accepting with a self-asserted account is gone; the old link leads to the invitation's page, where the
				// provider vouches for the account. The page itself is public: the token is what it needs.
				route(Who.ANONYMOUS, HttpMethod.POST, "/api/invitations/no-such-token/accept", 410,
						Map.of("provider", "GOOGLE", "externalSubject", "g-1", "externalEmail", "someone@example.com")),
				// (303 to the page, which knows no such invitation; the client follows it.)
				route(Who.ANONYMOUS, HttpMethod.GET, "/api/invitations/no-such-token/accept", 404),
				route(Who.ANONYMOUS, HttpMethod.GET, "/invitations/no-such-token", 404),
				route(Who.ANONYMOUS, HttpMethod.GET, "/invitation/confirm", 404),
				route(Who.ANONYMOUS, HttpMethod.POST, "/invitation/confirm", 403),
				route(Who.ANONYMOUS, HttpMethod.GET, "/api/schools/" + NORTH + "/invites", 401),
				// Platform operators: everything.
				route(Who.OPERATOR, HttpMethod.GET, "/api/schools/" + NORTH, 200),
				route(Who.OPERATOR, HttpMethod.GET, "/api/apps", 200),
				route(Who.OPERATOR, HttpMethod.GET, "/engine-rest/task", 200),
				route(Who.OPERATOR, HttpMethod.GET, "/engine-rest/history/process-instance", 200),
				// School administrators: their own school only.
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/api/schools/" + NORTH, 200),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/api/schools/" + SOUTH, 403),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/api/schools", 403),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/api/apps", 403),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/api/apps", 403),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/user/create", 403, A_NEW_USER),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/group/create", 403,
						Map.of("id", "intruders", "name", "Intruders")),
				route(Who.AUDITOR, HttpMethod.POST, "/engine-rest/user/create", 403, A_NEW_USER),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/user", 200),
				route(Who.SOUTH_ADMIN, HttpMethod.GET, "/api/schools/" + NORTH, 403),
				route(Who.SOUTH_ADMIN, HttpMethod.GET, "/api/schools/" + NORTH + "/invites", 403),
				route(Who.SOUTH_ADMIN, HttpMethod.POST, "/api/schools/" + NORTH + "/invites", 403,
						Map.of("sourceGroup", "STAFF", "personIds", List.of("STF-100001-0001"))),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/api/schools/" + NORTH + "/invites", 200),
				// Auditors: read everything, change nothing.
				route(Who.AUDITOR, HttpMethod.GET, "/api/schools/" + SOUTH, 200),
				route(Who.AUDITOR, HttpMethod.GET, "/api/apps", 200),
				route(Who.AUDITOR, HttpMethod.POST, "/api/schools", 403),
				route(Who.AUDITOR, HttpMethod.POST, "/api/apps", 403),
				route(Who.AUDITOR, HttpMethod.GET, "/engine-rest/history/process-instance", 200),
				// Apps: themselves only.
				route(Who.APP, HttpMethod.GET, "/api/apps/demo-app", 200),
				route(Who.APP, HttpMethod.GET, "/api/apps/other-app", 403),
				route(Who.APP, HttpMethod.GET, "/api/apps", 403),
				route(Who.APP, HttpMethod.POST, "/api/apps", 403),
				route(Who.APP, HttpMethod.GET, "/api/schools/" + NORTH, 403),
				route(Who.APP, HttpMethod.POST, "/api/schools", 403),
				route(Who.APP, HttpMethod.GET, "/api/schools/" + NORTH + "/invites", 403),
				route(Who.APP, HttpMethod.POST, "/api/schools/" + NORTH + "/invites", 403,
						Map.of("sourceGroup", "STAFF", "personIds", List.of("STF-100001-0001"))),
				route(Who.AUDITOR, HttpMethod.POST, "/api/schools/" + NORTH + "/invites", 403,
						Map.of("sourceGroup", "STAFF", "personIds", List.of("STF-100001-0001"))),
				// Camunda's REST API: allow-listed per role, default deny (CamundaApiPolicy).
				route(Who.OPERATOR, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", 200),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", 403),
				route(Who.AUDITOR, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", 403),
				route(Who.APP, HttpMethod.GET, "/engine-rest/metrics/activity-instance/sum", 403),
				route(Who.APP, HttpMethod.GET, "/engine-rest/history/process-instance", 403),
				route(Who.APP, HttpMethod.GET, "/engine-rest/process-definition", 403),
				route(Who.APP, HttpMethod.POST, "/engine-rest/process-definition/key/data-access-request/submit-form", 403),
				route(Who.APP, HttpMethod.POST,
						"/engine-rest/process-definition/key/data-access-request/tenant-id/" + NORTH + "/start", 403),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/process-definition/key/school-review-test/start",
						403),
				route(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/message", 403, Map.of("messageName", "x")),
				route(Who.AUDITOR, HttpMethod.POST, "/engine-rest/message", 403, Map.of("messageName", "x")),
				route(Who.AUDITOR, HttpMethod.POST, "/engine-rest/process-instance/count", 200),
				route(Who.AUDITOR, HttpMethod.POST, "/engine-rest/history/process-instance", 200),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/user/admin@northfield.example/profile", 200),
				route(Who.NORTH_ADMIN, HttpMethod.PUT, "/engine-rest/user/admin@southbank.example/credentials", 403,
						Map.of("password", "Taken-Over-1", "authenticatedUserPassword", NORTH_PASSWORD)),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/job", 403),
				route(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/telemetry/data", 403),
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda/api/engine/engine/", 200),
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda/api/engine/engine/default/task", 401),
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", 401),
				route(Who.ANONYMOUS, HttpMethod.GET, "/camunda/api/admin/auth/user/default", 404));
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("routes")
	void answersEachRoleOnEachRoute(Who who, HttpMethod method, String path, int expected, Object body) {
		ResponseEntity<String> response = call(who, method, path, body);

		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(expected);
		if (path.startsWith("/invitation")) {
			assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
				.as("the invitee's pages answer with a page, refusals included").isTrue();
		}
		else if (expected == 401 || expected == 403) {
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void schoolAdministratorSeesOnlyTheirOwnSchoolsTasks() {
		List<String> northSees = JsonPath.read(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/task", null).getBody(),
				"$[*].id");
		List<String> southSees = JsonPath.read(call(Who.SOUTH_ADMIN, HttpMethod.GET, "/engine-rest/task", null).getBody(),
				"$[*].id");

		assertThat(northSees).contains(northTask).doesNotContain(southTask);
		assertThat(southSees).contains(southTask).doesNotContain(northTask);
		assertThat(JsonPath.<List<String>>read(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/task", null).getBody(),
				"$[*].tenantId")).containsOnly(NORTH);
	}

	@Test
	void aSchoolAdministratorSeesNoOtherPersonsAccount() {
		List<String> users = JsonPath.read(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/user", null).getBody(),
				"$[*].id");

		assertThat(users).containsExactly("admin@northfield.example");
		assertThat(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/user/admin@southbank.example/profile", null)
			.getStatusCode().value()).isIn(403, 404);
	}

	@Test
	void schoolAdministratorsTasklistFilterListsOnlyTheirOwnSchoolsOpenTasks() {
		List<String> filters = JsonPath.read(call(Who.NORTH_ADMIN, HttpMethod.GET,
				"/engine-rest/filter?resourceType=Task", null).getBody(), "$[?(@.name == \"My school's open tasks\")].id");
		assertThat(filters).hasSize(1);

		List<String> listed = JsonPath.read(call(Who.NORTH_ADMIN, HttpMethod.POST,
				"/engine-rest/filter/" + filters.get(0) + "/list", Map.of()).getBody(), "$[*].id");

		assertThat(listed).contains(northTask).doesNotContain(southTask);
		assertDenied(call(Who.APP, HttpMethod.GET, "/engine-rest/filter", null));
	}

	@Test
	void schoolAdministratorCannotTouchAnotherSchoolsTaskInstanceOrVariablesThroughEngineRest() {
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/task/" + southTask, null));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/task/" + southTask + "/variables", null));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/task/" + southTask + "/claim",
				Map.of("userId", "admin@northfield.example")));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/task/" + southTask + "/complete", Map.of()));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.PUT,
				"/engine-rest/task/" + southTask + "/variables/decision", Map.of("value", "approved")));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.GET, "/engine-rest/process-instance/" + southInstance, null));
		assertDenied(call(Who.NORTH_ADMIN, HttpMethod.GET,
				"/engine-rest/process-instance/" + southInstance + "/variables", null));
		assertThat(JsonPath.<List<Object>>read(call(Who.NORTH_ADMIN, HttpMethod.GET,
				"/engine-rest/history/task?processInstanceId=" + southInstance, null).getBody(), "$")).isEmpty();

		assertThat(taskService.createTaskQuery().taskId(southTask).singleResult().getAssignee()).isNull();
		assertThat(taskService.getVariables(southTask)).doesNotContainKey("decision");
	}

	@Test
	void schoolAdministratorWorksTheirOwnSchoolsTask() {
		String task = taskService.createTaskQuery().tenantIdIn(NORTH).processDefinitionKey("school-review-test")
			.singleResult().getId();

		assertThat(call(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
				Map.of("userId", "admin@northfield.example")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(call(Who.NORTH_ADMIN, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", Map.of())
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(taskService.createTaskQuery().taskId(task).count()).isZero();
		runtimeService.startProcessInstanceByKey("school-review-test", "north-review",
				Variables.putValue("schoolUrn", NORTH));
		northTask = taskService.createTaskQuery().tenantIdIn(NORTH).processDefinitionKey("school-review-test")
			.singleResult().getId();
	}

	@Test
	void auditorReadsEverySchoolsHistoryButChangesNothing() {
		List<String> tenants = JsonPath.read(call(Who.AUDITOR, HttpMethod.GET,
				"/engine-rest/history/process-instance?processDefinitionKey=school-review-test", null).getBody(),
				"$[*].tenantId");
		assertThat(tenants).contains(NORTH, SOUTH);

		assertDenied(call(Who.AUDITOR, HttpMethod.POST, "/engine-rest/task/" + southTask + "/claim",
				Map.of("userId", "auditor")));
		assertDenied(call(Who.AUDITOR, HttpMethod.POST, "/engine-rest/task/" + southTask + "/complete", Map.of()));
		assertDenied(call(Who.AUDITOR, HttpMethod.DELETE, "/engine-rest/process-instance/" + southInstance, null));
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(southInstance).count()).isOne();
	}

	@Test
	void appsNeverWorkUserTasksNorStartProcessesThatAreNotTheirs() {
		assertDenied(call(Who.APP, HttpMethod.GET, "/engine-rest/task", null));
		assertDenied(call(Who.APP, HttpMethod.POST, "/engine-rest/task/" + northTask + "/complete", Map.of()));
		assertDenied(call(Who.APP, HttpMethod.POST, "/engine-rest/process-definition/key/school-onboarding/start",
				Map.of("variables", Map.of())));
		assertDenied(call(Who.APP, HttpMethod.POST, "/engine-rest/process-definition/key/school-onboarding/start",
				Map.of("variables", Map.of("schoolUrn", Map.of("value", "100003"), "schoolName",
						Map.of("value", "App's Own School"), "contactEmail", Map.of("value", "office@own.example")))));
		assertThat(jdbc.sql("select count(*) from school where urn = '100003'").query(Long.class).single()).isZero();
		assertThat(taskService.createTaskQuery().taskId(northTask).count()).isOne();
	}

	@Test
	void aRegisteredAppSignsInWithItsSecretWhichIsStoredOnlyHashed() {
		assertThat(otherAppSecret).hasSizeGreaterThanOrEqualTo(40);
		assertThat(anonymous.withBasicAuth("other-app", otherAppSecret).getForEntity("/api/apps/other-app", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(call(Who.OPERATOR, HttpMethod.GET, "/api/apps/other-app", null).getBody())
			.doesNotContain(otherAppSecret);

		String stored = jdbc.sql("select PWD_ from ACT_ID_USER where ID_ = 'other-app'").query(String.class).single();
		assertThat(stored).isNotBlank().doesNotContain(otherAppSecret);
	}

	@Test
	void registeringTheSameAppIdTwiceIsAConflict() {
		ResponseEntity<String> again = call(Who.OPERATOR, HttpMethod.POST, "/api/apps", Map.of("appId", "other-app",
				"name", "Other App", "contactEmail", "dev@other.example", "webhookUrl", "https://other.example/hooks"));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getBody()).doesNotContain("secret");
	}

	@Test
	void noResponseOrLogLineContainsAPasswordOrASecret(CapturedOutput output) {
		StringBuilder responses = new StringBuilder();
		for (Who who : Who.values()) {
			for (String path : List.of("/api/schools/" + NORTH, "/api/apps", "/api/apps/demo-app", "/engine-rest/user",
					"/engine-rest/task", "/engine-rest/user/" + who.user + "/profile")) {
				responses.append(call(who, HttpMethod.GET, path, null).getBody());
			}
		}
		String registration = call(Who.OPERATOR, HttpMethod.POST, "/api/apps", Map.of("appId", "third-app", "name",
				"Third App", "contactEmail", "dev@third.example", "webhookUrl", "https://third.example/hooks"))
			.getBody();
		String thirdAppSecret = JsonPath.read(registration, "$.secret");
		String thirdAppWebhookSecret = JsonPath.read(registration, "$.webhookSecret");
		responses.append(call(Who.OPERATOR, HttpMethod.GET, "/api/apps/third-app", null).getBody());
		responses.append(call(Who.OPERATOR, HttpMethod.GET, "/api/apps", null).getBody());

		List<String> secrets = List.of(OPERATOR_PASSWORD, AUDITOR_PASSWORD, APP_SECRET, APP_WEBHOOK_SECRET,
				NORTH_PASSWORD, SOUTH_PASSWORD, otherAppSecret, otherAppWebhookSecret, thirdAppWebhookSecret);
		assertThat(responses.toString()).doesNotContain(secrets);
		assertThat(output.getAll()).doesNotContain(secrets).doesNotContain(thirdAppSecret);
	}

	private static void assertDenied(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(403, 404);
	}

	private ResponseEntity<String> call(Who who, HttpMethod method, String path, Object body) {
		TestRestTemplate http = who.user == null ? anonymous : anonymous.withBasicAuth(who.user, who.password);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private static Arguments route(Who who, HttpMethod method, String path, int expected) {
		return route(who, method, path, expected, method == HttpMethod.POST ? Map.of() : null);
	}

	private static Arguments route(Who who, HttpMethod method, String path, int expected, Object body) {
		return Arguments.of(who, method, path, expected, body);
	}
}
