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
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.jayway.jsonpath.JsonPath;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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

import uk.schooldata.approvals.Browser;
import uk.schooldata.approvals.DemoSchools;

/**
 * The audit history Cockpit plugin shows auditors every school's history, what Camunda's own API hides from them
 * included, and only reads: over its REST API with real webapp sessions, and in a real browser. Lives in
 * {@code security} for {@link WebappSession}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class AuditHistoryPluginTests {

	static final String PLUGIN = "/camunda/api/cockpit/plugin/audit-history/default";

	static final String NORTH_ADMIN = "admin@northfield.example";

	static final String NORTH_PASSWORD = "northfield";

	static final String NORTH_DEPUTY = "deputy@northfield.example";

	static final String DEPUTY_PASSWORD = "deputy-password";

	/** The MIS simulator does not know this school: its onboarding stops before the school gets a tenant. */
	static final String UNKNOWN_TO_THE_MIS = "999999";

	@RegisterExtension
	static WireMockExtension demoApp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void webhookReceiver(DynamicPropertyRegistry registry) {
		registry.add("app.demo.app.webhook-url", () -> demoApp.baseUrl() + "/hooks");
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService taskService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	IdentityService identityService;

	@Autowired
	SchoolIdentities schoolIdentities;

	@BeforeEach
	void demoSchoolOnboardedWithASecondAdministrator() {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		DemoSchools.awaitActive(http, DemoSchools.NORTH);
		DemoSchools.northfieldDeputy(schoolIdentities, identityService, DEPUTY_PASSWORD);
	}

	@Test
	void anAuditorSeesAnOnboardingThatNeverGotItsTenant() {
		ResponseEntity<String> accepted = http.withBasicAuth("demo", "demo")
			.postForEntity("/api/schools", new HttpEntity<>(Map.of("urn", UNKNOWN_TO_THE_MIS, "name", "Nowhere School",
					"contactEmail", "office@nowhere.example"), jsonHeaders()), String.class);
		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		String instance = await().atMost(Duration.ofSeconds(10))
			.until(() -> historyService.createHistoricProcessInstanceQuery()
				.processDefinitionKey("school-onboarding")
				.processInstanceBusinessKey(UNKNOWN_TO_THE_MIS)
				.singleResult(), Objects::nonNull)
			.getId();
		WebappSession auditor = WebappSession.signIn(port, "auditor", "auditor", "cockpit");

		assertThat(JsonPath.<List<Object>>read(auditor.get(WebappSession.engine(
				"/history/process-instance?processInstanceId=" + instance)).body(), "$")).isEmpty();
		HttpResponse<String> page = auditor.get(PLUGIN + "/instances?schoolUrn=" + UNKNOWN_TO_THE_MIS);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(page.body(), "$.instances[*].id")).containsExactly(instance);
		assertThat(JsonPath.<String>read(page.body(), "$.instances[0].description"))
			.isEqualTo("Onboarding: Nowhere School (999999)");
		HttpResponse<String> detail = auditor.get(PLUGIN + "/instances/" + instance);
		assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(detail.body(), "$.tasks[*].taskKey"))
			.contains("Task_ResolveOnboardingProblem");
	}

	@Test
	void theInstanceShowsWhoCompletedEachTaskWithWhatDecision() {
		String instance = reviewedByNorthfield("calendar");
		WebappSession auditor = WebappSession.signIn(port, "auditor", "auditor", "cockpit");

		HttpResponse<String> detail = auditor.get(PLUGIN + "/instances/" + instance);

		assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
		String review = "$.tasks[?(@.taskKey == 'Task_ReviewRequest')]";
		assertThat(JsonPath.<List<String>>read(detail.body(), review + ".completedBy")).containsExactly(NORTH_ADMIN);
		assertThat(JsonPath.<List<String>>read(detail.body(), review + ".submitted[?(@.name == 'decision')].value"))
			.containsExactly("APPROVE");
		assertThat(JsonPath.<List<String>>read(detail.body(),
				review + ".submitted[?(@.name == 'approvedScopes')].value")).containsExactly("calendar");
		assertThat(JsonPath.<List<String>>read(detail.body(),
				"$.diagram.shapes[?(@.elementId == 'Task_ReviewRequest')].reached")).containsExactly("VISITED");
		assertThat(JsonPath.<List<String>>read(detail.body(), "$.operations[*].operation")).contains("Claim",
				"Complete");
		assertThat(JsonPath.<String>read(detail.body(), "$.instance.description"))
			.startsWith("Demo Homework App asks Northfield Academy: Homework");
	}

	@Test
	void onlyAuditorsAndOperatorsReadItAndNobodyChangesAnythingThroughIt() {
		WebappSession anonymous = WebappSession.anonymous(port);
		WebappSession schoolAdministrator = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		WebappSession auditor = WebappSession.signIn(port, "auditor", "auditor", "cockpit");
		WebappSession operator = WebappSession.signIn(port, "demo", "demo", "cockpit");

		assertThat(anonymous.get(PLUGIN + "/options").statusCode()).isEqualTo(401);
		assertThat(schoolAdministrator.get(PLUGIN + "/options").statusCode()).isEqualTo(403);
		assertThat(auditor.get(PLUGIN + "/options").statusCode()).isEqualTo(200);
		assertThat(operator.get(PLUGIN + "/options").statusCode()).isEqualTo(200);
		// The firewall refuses an auditor's POST; an operator's reaches Cockpit, which has no such method.
		assertThat(auditor.post(PLUGIN + "/instances", "{}").statusCode()).isEqualTo(403);
		assertThat(operator.post(PLUGIN + "/instances", "{}").statusCode()).isEqualTo(405);
		assertThat(auditor.get(PLUGIN + "/instances?status=SOMETIMES").statusCode()).isEqualTo(400);
		// The page's own files load before anyone signs in, as every plugin's do.
		assertThat(anonymous.get("/camunda/api/cockpit/plugin/audit-history/static/app/plugin.js").statusCode())
			.isEqualTo(200);
	}

	@Test
	void anAuditorOpensAPartlyApprovedFourEyesRequestInCockpitSeesBothAdministratorsAndChangesNothing(
			CapturedOutput output) throws Exception {
		String instance = partlyApprovedWithFourEyes();
		long operationsBefore = historyService.createUserOperationLogQuery().count();

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("cockpit", "auditor", "auditor");
			browser.go("/camunda/app/cockpit/default/#/dashboard");
			browser.await(By.id("audit-history-nav")).click();
			browser.await(By.id("audit-filter"));
			new Select(browser.driver().findElement(By.id("audit-filter-school"))).selectByValue(DemoSchools.NORTH);
			new Select(browser.driver().findElement(By.id("audit-filter-process"))).selectByValue("data-access-request");
			new Select(browser.driver().findElement(By.id("audit-filter-status"))).selectByValue("COMPLETED");
			browser.driver().findElement(By.id("audit-filter-apply")).click();
			WebElement row = browser.await(By.cssSelector(
					"tr[data-test='audit-instance-row'][data-instance-id='" + instance + "']"));
			assertThat(row.findElement(By.cssSelector("[data-test='subject']")).getText())
				.contains("Demo Homework App asks Northfield Academy: Homework with four eyes");
			browser.screenshot("audit-history-list");
			row.findElement(By.cssSelector("a[data-test='instance-link']")).click();
			assertThat(browser.await(By.id("audit-instance-title")).getText())
				.isEqualTo("Demo Homework App asks Northfield Academy: Homework with four eyes");
			browser.screenshot("audit-history-instance");

			WebElement review = browser.reveal(By.cssSelector("#audit-tasks tr[data-task-key='Task_ReviewRequest']"));
			assertThat(review.findElement(By.cssSelector("[data-test='task-completed-by']")).getText())
				.isEqualTo(NORTH_ADMIN);
			assertThat(review.findElement(By.cssSelector("[data-test='task-decision'] dd[data-variable='decision']"))
				.getText()).isEqualTo("APPROVE");
			assertThat(review.findElement(
					By.cssSelector("[data-test='task-decision'] dd[data-variable='approvedScopes']")).getText())
				.isEqualTo("students.basic, students.sen_needs");
			WebElement confirmation = browser.driver()
				.findElement(By.cssSelector("#audit-tasks tr[data-task-key='Task_ConfirmSpecialCategory']"));
			assertThat(confirmation.findElement(By.cssSelector("[data-test='task-completed-by']")).getText())
				.isEqualTo(NORTH_DEPUTY);
			assertThat(confirmation.findElement(
					By.cssSelector("[data-test='task-decision'] dd[data-variable='confirmation']")).getText())
				.isEqualTo("CONFIRM");
			assertThat(browser.driver()
				.findElement(By.cssSelector("svg[data-test='audit-diagram'] g[data-element-id='Task_RecordGrants']"))
				.getAttribute("data-reached")).isEqualTo("VISITED");
			WebElement history = browser.driver().findElement(By.id("audit-instance"));
			assertThat(history.findElements(By.cssSelector("button, form, input, select, textarea")))
				.as("the instance's history offers nothing to press, fill in or submit").isEmpty();
			assertThat(history.findElements(By.cssSelector("a[href]")))
				.extracting(link -> link.getAttribute("id"))
				.as("its one link goes back to the list")
				.containsExactly("audit-back");
			browser.screenshot("audit-history-decisions");
		}

		assertThat(historyService.createUserOperationLogQuery().count()).as("reading changed nothing")
			.isEqualTo(operationsBefore);
		assertThat(output.getAll()).doesNotContain("CamundaApiFirewall");
	}

	/**
	 * A request from the demo app for three scopes, one of them special-category: Northfield's administrator approves
	 * two in Tasklist, a second administrator confirms the special-category one, the third is declined.
	 *
	 * @return its process instance, ended
	 */
	private String partlyApprovedWithFourEyes() {
		String request = JsonPath.read(http.withBasicAuth("demo-app", "demo-app-secret")
			.exchange("/api/access-requests", HttpMethod.POST, new HttpEntity<>(Map.of("schoolUrn", DemoSchools.NORTH,
					"purpose", "Homework with four eyes", "scopes", List.of(
							Map.of("name", "students.basic", "required", true),
							Map.of("name", "students.sen_needs", "required", false, "justification",
									"To adapt homework"),
							Map.of("name", "students.dob", "required", false))), jsonHeaders()),
					String.class)
			.getBody(), "$.id");
		Task review = taskOf(request, "Task_ReviewRequest");
		submitAs(NORTH_ADMIN, NORTH_PASSWORD, review, Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
				Map.of("value", "[\"students.basic\",\"students.sen_needs\"]", "type", "Json")));
		Task confirmation = taskOf(request, "Task_ConfirmSpecialCategory");
		submitAs(NORTH_DEPUTY, DEPUTY_PASSWORD, confirmation, Map.of("confirmation", Map.of("value", "CONFIRM")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> historyService.createHistoricProcessInstanceQuery()
				.processInstanceId(review.getProcessInstanceId())
				.finished()
				.count() == 1);
		return review.getProcessInstanceId();
	}

	private Task taskOf(String request, String taskKey) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> taskService.createTaskQuery()
				.processInstanceBusinessKey(request)
				.taskDefinitionKey(taskKey)
				.singleResult(), Objects::nonNull);
	}

	/**
	 * Claims and submits the task's form through the webapps' engine API, as Tasklist does.
	 */
	private void submitAs(String user, String password, Task task, Map<String, Object> variables) {
		WebappSession tasklist = WebappSession.signIn(port, user, password, "tasklist");
		assertThat(tasklist.post(WebappSession.engine("/task/" + task.getId() + "/claim"),
				json(Map.of("userId", user))).statusCode()).isEqualTo(204);
		HttpResponse<String> submitted = tasklist.post(WebappSession.engine("/task/" + task.getId() + "/submit-form"),
				json(Map.of("variables", variables)));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
	}

	/**
	 * A request from the demo app, approved by Northfield's administrator through Tasklist's API as Tasklist does it.
	 *
	 * @return its process instance
	 */
	private String reviewedByNorthfield(String scope) {
		HttpHeaders headers = jsonHeaders();
		String request = JsonPath.read(http.withBasicAuth("demo-app", "demo-app-secret")
			.exchange("/api/access-requests", HttpMethod.POST, new HttpEntity<>(Map.of("schoolUrn", DemoSchools.NORTH,
					"purpose", "Homework", "scopes", List.of(Map.of("name", scope, "required", true))), headers),
					String.class)
			.getBody(), "$.id");
		Task review = await().atMost(Duration.ofSeconds(10))
			.until(() -> taskService.createTaskQuery()
				.processInstanceBusinessKey(request)
				.taskDefinitionKey("Task_ReviewRequest")
				.singleResult(), Objects::nonNull);
		WebappSession tasklist = WebappSession.signIn(port, NORTH_ADMIN, NORTH_PASSWORD, "tasklist");
		assertThat(tasklist.post(WebappSession.engine("/task/" + review.getId() + "/claim"),
				json(Map.of("userId", NORTH_ADMIN))).statusCode()).isEqualTo(204);
		assertThat(tasklist.post(WebappSession.engine("/task/" + review.getId() + "/submit-form"),
				json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"" + scope + "\"]", "type", "Json"))))).statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> historyService.createHistoricTaskInstanceQuery().taskId(review.getId()).finished().count() == 1);
		return review.getProcessInstanceId();
	}

	private static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}

	private String json(Object body) {
		try {
			return objectMapper.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}
}
