package uk.schooldata.approvals.accessrequest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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

import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.Browser;

/**
 * What a school administrator sees in Camunda Tasklist when an app's purpose and justification are hostile: every
 * character as the app wrote it, no link, no image, and every scope the checkboxes would approve, in a real browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.demo.enabled=true", "camunda.bpm.job-execution.enabled=true" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class ReviewFormBrowserTests {

	static final String HOSTILE_PURPOSE = "Homework **for all** [click here](http://evil.example/login) "
			+ "<img src=\"http://evil.example/pixel.png\"> <b>bold</b> {{appName}} <!--";

	static final String HOSTILE_JUSTIFICATION = "<a href=\"http://evil.example\">Needed</a> ![x](http://evil.example/y.png)";

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService taskService;

	@BeforeEach
	void demoSchoolOnboarded() {
		DemoSchools.awaitActive(http, DemoSchools.NORTH);
	}

	@Test
	void theReviewFormShowsTheAppsWordsAsPlainTextAndEveryScope() throws Exception {
		String request = submit(HOSTILE_PURPOSE, List.of(Map.of("name", "students.basic", "required", true),
				Map.of("name", "students.sen_needs", "required", false, "justification", HOSTILE_JUSTIFICATION)));
		Task review = taskService.createTaskQuery().processInstanceBusinessKey(request).singleResult();

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", "admin@northfield.example", "northfield");
			browser.go("/camunda/app/tasklist/default/#/?task=" + review.getId());
			WebElement purpose = browser.await(By.cssSelector("textarea[id$='Field_Purpose']"));
			browser.await(By.cssSelector(".fjs-form-field-table td"));
			browser.screenshot("review-form-hostile-purpose");

			assertThat(purpose.getDomProperty("value")).isEqualTo(HOSTILE_PURPOSE);
			List<String> cells = browser.driver()
				.findElements(By.cssSelector(".fjs-form-field-table td"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(cells).contains("students.basic", "students.sen_needs", HOSTILE_JUSTIFICATION);
			assertThat(browser.driver().findElements(By.cssSelector("img[src*='evil.example']"))).isEmpty();
			assertThat(browser.driver().findElements(By.cssSelector("a[href*='evil.example']"))).isEmpty();
			assertThat(browser.driver().findElements(By.cssSelector("input[type='checkbox']"))).hasSize(2);
		}
	}

	private String submit(String purpose, List<Map<String, Object>> scopes) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> submitted = http.withBasicAuth("demo-app", "demo-app-secret")
			.exchange("/api/access-requests", HttpMethod.POST,
					new HttpEntity<>(Map.of("schoolUrn", "100001", "purpose", purpose, "scopes", scopes), headers),
					String.class);
		assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(202);
		return JsonPath.read(submitted.getBody(), "$.id");
	}
}
