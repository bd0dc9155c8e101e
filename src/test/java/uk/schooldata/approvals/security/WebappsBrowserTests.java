package uk.schooldata.approvals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.Browser;

/**
 * The allow-list leaves each role the webapps it is meant to use: an auditor browses Cockpit, a school administrator
 * works in Tasklist and the Welcome app, in a real browser, and not one of the calls those pages make is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class WebappsBrowserTests {

	static final String REFUSED = "CamundaApiFirewall";

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
	void anAuditorBrowsesCockpitWithoutOneRefusedCall(CapturedOutput output) throws Exception {
		String request = submit("school");
		String instance = taskOf(request).getProcessInstanceId();

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("cockpit", "auditor", "auditor");
			browser.go("/camunda/app/cockpit/default/#/dashboard");
			browser.await(By.cssSelector("[cam-widget-header]"));
			browser.go("/camunda/app/cockpit/default/#/processes");
			browser.await(By.partialLinkText("Data access request"));
			browser.go("/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
			browser.await(By.cssSelector(".djs-container"));
			browser.await(By.partialLinkText("Variables"));
			browser.screenshot("cockpit-instance-as-auditor");
		}

		assertThat(output.getAll()).doesNotContain(REFUSED);
	}

	@Test
	void aSchoolAdministratorWorksInTasklistAndTheWelcomeAppWithoutOneRefusedCall(CapturedOutput output)
			throws Exception {
		Task review = taskOf(submit("calendar"));

		try (Browser browser = Browser.open(port)) {
			browser.signInToCamunda("tasklist", "admin@northfield.example", "northfield");
			browser.go("/camunda/app/tasklist/default/#/?task=" + review.getId());
			browser.await(By.cssSelector("textarea[id$='Field_Purpose']"));
			browser.driver().findElement(By.partialLinkText("History")).click();
			browser.driver().findElement(By.partialLinkText("Diagram")).click();
			browser.await(By.cssSelector(".djs-container"));
			browser.screenshot("tasklist-diagram-as-school-administrator");
			browser.go("/camunda/app/welcome/default/#!/welcome");
			browser.await(By.partialLinkText("Tasklist"));
			browser.screenshot("welcome-as-school-administrator");
		}

		assertThat(output.getAll()).doesNotContain(REFUSED);
	}

	private String submit(String scope) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String body = http.withBasicAuth("demo-app", "demo-app-secret")
			.exchange("/api/access-requests", HttpMethod.POST, new HttpEntity<>(Map.of("schoolUrn", "100001", "purpose",
					"Homework", "scopes", List.of(Map.of("name", scope, "required", true))), headers), String.class)
			.getBody();
		return JsonPath.read(body, "$.id");
	}

	private Task taskOf(String request) {
		return taskService.createTaskQuery().processInstanceBusinessKey(request).singleResult();
	}
}
