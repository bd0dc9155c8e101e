package uk.schooldata.approvals.accessrequest.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.Browser;
import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Tasklist as a school's data manager meets it, in Chromium: the request found by its app's name, an optional scope
 * unticked, approved; the confirmation offered to the second administrator and not to the reviewer; the grant without
 * the unticked scope; and another school's administrator seeing none of it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class TasklistBrowserTests {

	static final String ADMIN = "admin@northfield.example";

	static final String DEPUTY_PASSWORD = "deputy-in-tasklist";

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
	IdentityService identityService;

	@Autowired
	SchoolIdentities schoolIdentities;

	String deputy;

	@BeforeEach
	void northfieldWithTwoAdministrators() {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		DemoSchools.awaitActive(http, DemoSchools.NORTH, DemoSchools.SOUTH);
		deputy = DemoSchools.northfieldDeputy(schoolIdentities, identityService, DEPUTY_PASSWORD);
	}

	@Test
	void theReviewerUnticksAScopeApprovesAndOnlyTheOtherAdministratorConfirms() throws Exception {
		submit();
		String review = "Review: Demo Homework App asks for 3 scopes (1 special-category)";
		String confirmation = "Confirm special-category data for Demo Homework App";

		try (Browser browser = Browser.open(port)) {
			WebDriver driver = browser.driver();
			browser.signInToCamunda("tasklist", ADMIN, "northfield");
			openTask(browser, review);
			browser.screenshot("tasklist-review-list");
			click(browser, "Claim");
			browser.await(By.xpath("//label[contains(., 'Approve the scopes ticked below')]")).click();
			browser.await(By.xpath("//label[contains(., 'calendar (optional)')]")).click();
			browser.screenshot("tasklist-review-form");
			click(browser, "Complete");
			await().atMost(Duration.ofSeconds(20)).until(() -> status().equals("AWAITING_SECOND_APPROVAL"));

			driver.navigate().refresh();
			browser.await(By.cssSelector(".tasks-list, .task-list, [cam-tasks]"));
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until(page -> !page.getPageSource().contains("Review: Demo Homework App"));
			assertThat(driver.getPageSource()).as("not offered to the reviewer").doesNotContain(confirmation);
		}
		assertThat(filteredTaskNames(ADMIN, "northfield")).as("the reviewer's list, as Tasklist asks for it")
			.doesNotContain(confirmation);
		assertThat(filteredTaskNames(deputy, DEPUTY_PASSWORD)).contains(confirmation);
		assertThat(filterColumns(deputy, DEPUTY_PASSWORD)).as("the columns Tasklist shows on each task")
			.contains("appName=Demo Homework App", "schoolName=Northfield Academy");

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", deputy, DEPUTY_PASSWORD);
			openTask(browser, confirmation);
			click(browser, "Claim");
			browser.await(By.xpath("//label[contains(., 'Confirm: share these special-category scopes')]")).click();
			browser.screenshot("tasklist-confirmation-form");
			click(browser, "Complete");
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(grantedScopes())
			.containsExactlyInAnyOrder("students.basic", "students.sen_needs"));

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", "admin@southbank.example", "southbank");
			browser.go("/camunda/app/tasklist/default/#/");
			browser.await(By.cssSelector(".task-filters"));
			browser.screenshot("tasklist-other-school");
			assertThat(browser.driver().getPageSource()).doesNotContain("Demo Homework App").doesNotContain("Northfield");
		}
	}

	@Test
	void aDeclineWithoutAReasonIsRefusedInOnePlainSentenceThenTheReasonGivenDeclinesAndTheBannerGoes() throws Exception {
		// Scopes the other test does not grant, so each test's request asks for all of its own.
		submit(Map.of("name", "school", "required", true), Map.of("name", "staff_members.basic", "required", false));
		String review = "Review: Demo Homework App asks for 2 scopes";

		try (Browser browser = Browser.open(port)) {
			WebDriver driver = browser.driver();
			browser.signInToCamunda("tasklist", ADMIN, "northfield");
			openTask(browser, review);
			click(browser, "Claim");
			browser.await(By.xpath("//label[contains(., 'Decline the whole request')]")).click();
			assertThat(browser.await(By.xpath("//*[contains(., 'Say why you decline before you complete the task.')]"
					+ "[contains(@class, 'fjs-form-field-text')]")).isDisplayed())
				.as("the form says so before anything is sent").isTrue();
			browser.screenshot("tasklist-decline-reason-needed");
			click(browser, "Complete");

			WebElement refusal = browser.await(By.xpath("//*[contains(., 'Say why you decline the request.')]"
					+ "[contains(@class, 'alert') or ancestor::*[contains(@class, 'notifications')]]"));
			assertThat(refusal.getText()).doesNotContain("ENGINE-", "Exception", "TaskListener", "Cannot submit");
			browser.screenshot("tasklist-refusal-in-plain-english");
			assertThat(status()).as("nothing decided").isEqualTo("PENDING");
			assertThat(driver.findElement(By.xpath("//button[normalize-space(.)='Complete']")).isEnabled())
				.as("the form can still be completed").isTrue();

			browser.await(By.cssSelector("textarea[id$='Field_DeclineReason']")).sendKeys("We do not use this app");
			new WebDriverWait(driver, Duration.ofSeconds(5)).until(page -> page
				.findElements(By.xpath("//*[contains(@class, 'fjs-form-field-text')]"
						+ "[contains(., 'Say why you decline before you complete the task.')]"))
				.isEmpty());
			click(browser, "Complete");
			await().atMost(Duration.ofSeconds(20)).until(() -> status().equals("DECLINED"));
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until(page -> !page.getPageSource().contains("Say why you decline the request."));
			browser.screenshot("tasklist-after-the-decline");
		}
	}

	@Test
	void theFixMisAndOnboardingFormsSayWhatIsNeeded() throws Exception {
		submit(Map.of("name", "staff_members.basic", "required", true), Map.of("name", "teaching_groups", "required",
				true), Map.of("name", "timetables", "required", true), Map.of("name", "timetables.cover", "required", true),
				Map.of("name", "students.basic", "required", true));
		HttpHeaders json = new HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		assertThat(http.withBasicAuth("demo", "demo").exchange("/api/schools", HttpMethod.POST, new HttpEntity<>(Map.of(
				"urn", "999999", "name", "Nowhere School", "contactEmail", "office@nowhere.example"), json), String.class)
			.getStatusCode().value()).isEqualTo(202);

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", ADMIN, "northfield");
			openTask(browser, "Fix MIS permissions for Demo Homework App's request");
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(page -> page
				.findElements(By.cssSelector(".fjs-form input, .fjs-form textarea"))
				.stream()
				.anyMatch(field -> String.valueOf(field.getDomProperty("value")).contains("Cover Manager")));
			browser.screenshot("tasklist-fix-mis-permissions-form");
		}
		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", "demo", "demo");
			browser.go("/camunda/app/tasklist/default/#/");
			browser.await(By.xpath("//a[contains(., 'Resolve onboarding: Nowhere School (999999)')]")).click();
			browser.await(By.xpath("//*[contains(text(), 'Retry') or contains(text(), 'Cancel')]"));
			browser.screenshot("tasklist-onboarding-problem-form");
		}
	}

	private void openTask(Browser browser, String name) {
		browser.go("/camunda/app/tasklist/default/#/");
		WebElement task = browser.await(By.xpath("//a[contains(., \"" + name + "\")]"));
		task.click();
		browser.await(By.cssSelector(".fjs-form .fjs-form-field"));
	}

	private static void click(Browser browser, String text) {
		browser.await(By.xpath("//*[self::a or self::button][normalize-space(.)='" + text + "']")).click();
	}

	private void submit() {
		submit(Map.of("name", "students.basic", "required", true), Map.of("name", "students.sen_needs", "required",
				false, "justification", "To adapt homework"), Map.of("name", "calendar", "required", false));
	}

	@SafeVarargs
	private void submit(Map<String, Object>... scopes) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> submitted = http.withBasicAuth("demo-app", "demo-app-secret")
			.exchange("/api/access-requests", HttpMethod.POST, new HttpEntity<>(Map.of("schoolUrn", DemoSchools.NORTH,
					"purpose", "Homework for every class", "scopes", List.of(scopes)), headers), String.class);
		assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(202);
		requestId = JsonPath.read(submitted.getBody(), "$.id");
	}

	String requestId;

	/**
	 * The filter's variables of the tasks in the user's "My school's open tasks", as Tasklist asks for them (HAL).
	 */
	private List<String> filterColumns(String user, String password) {
		TestRestTemplate as = http.withBasicAuth(user, password);
		String filter = JsonPath.<List<String>>read(as.getForEntity("/engine-rest/filter?resourceType=Task&name="
				+ "My school's open tasks", String.class).getBody(), "$[*].id").get(0);
		HttpHeaders hal = new HttpHeaders();
		hal.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
		String list = as.exchange("/engine-rest/filter/" + filter + "/list", HttpMethod.GET, new HttpEntity<>(hal),
				String.class).getBody();
		List<String> names = JsonPath.read(list, "$._embedded.task[*]._embedded.variable[*].name");
		List<Object> values = JsonPath.read(list, "$._embedded.task[*]._embedded.variable[*].value");
		return IntStream.range(0, names.size()).mapToObj(i -> names.get(i) + "=" + values.get(i))
			.toList();
	}

	/**
	 * The names of the tasks in the user's "My school's open tasks" filter, through the same API Tasklist uses.
	 */
	private List<String> filteredTaskNames(String user, String password) {
		TestRestTemplate as = http.withBasicAuth(user, password);
		String filter = JsonPath.<List<String>>read(as.getForEntity("/engine-rest/filter?resourceType=Task&name="
				+ "My school's open tasks", String.class).getBody(), "$[*].id").get(0);
		return JsonPath.read(as.getForEntity("/engine-rest/filter/" + filter + "/list", String.class).getBody(),
				"$[*].name");
	}

	private String status() {
		return JsonPath.read(http.withBasicAuth(ADMIN, "northfield")
			.getForEntity("/api/access-requests/" + requestId, String.class).getBody(), "$.status");
	}

	private List<String> grantedScopes() {
		return JsonPath.read(http.withBasicAuth(ADMIN, "northfield")
			.getForEntity("/api/schools/" + DemoSchools.NORTH + "/grants", String.class)
			.getBody(), "$[?(@.appId == 'demo-app')].scopes[*].scope");
	}
}
