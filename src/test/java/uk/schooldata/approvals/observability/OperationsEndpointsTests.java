package uk.schooldata.approvals.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
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

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;

/**
 * What the operator on call sees: health for everyone as UP or DOWN and in parts for operators, groups for the
 * database, the engine, the job executor and the MIS; Prometheus metrics for operators and the monitoring system's
 * scraper, who may read nothing else; and gauges and timers that follow the work as it happens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.demo.enabled=true", "app.metrics.refresh-interval=PT0.5S",
				"app.metrics.scraper.password=" + OperationsEndpointsTests.SCRAPER_PASSWORD })
@ActiveProfiles("test")
@AutoConfigureObservability // Spring Boot's tests leave metrics out unless asked
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class OperationsEndpointsTests {

	static final String SCRAPER_PASSWORD = "Scraper-Password-1";

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
		DemoSchools.awaitActive(http, DemoSchools.NORTH, DemoSchools.SOUTH);
	}

	@Test
	void healthIsUpOrDownForEveryoneAndInPartsForOperators() {
		ResponseEntity<String> anonymous = http.getForEntity("/actuator/health", String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(anonymous.getBody(), "$.status")).isEqualTo("UP");
		assertThat(anonymous.getBody()).doesNotContain("components").doesNotContain("details");
		ResponseEntity<String> administrator = as("admin@northfield.example", "northfield")
			.getForEntity("/actuator/health", String.class);
		assertThat(administrator.getBody()).as("school administrators are not operators").doesNotContain("components");

		String operator = as("demo", "demo").getForEntity("/actuator/health", String.class).getBody();
		assertThat(JsonPath.<Map<String, Object>>read(operator, "$.components")).containsKeys("db", "processEngine",
				"jobExecutor", "misConnection", "readinessState", "livenessState");
		assertThat(JsonPath.<String>read(operator, "$.components.db.details.database")).isIn("H2", "PostgreSQL");
		assertThat(JsonPath.<String>read(operator, "$.components.misConnection.status")).isEqualTo("UP");

		Map<String, List<String>> groups = Map.of("readiness", List.of("db", "processEngine", "readinessState"),
				"database", List.of("db"), "engine", List.of("processEngine"), "job-executor", List.of("jobExecutor"),
				"mis", List.of("misConnection"));
		groups.forEach((group, parts) -> {
			ResponseEntity<String> answer = as("demo", "demo").getForEntity("/actuator/health/" + group, String.class);
			assertThat(answer.getStatusCode()).as(group).isEqualTo(HttpStatus.OK);
			assertThat(JsonPath.<String>read(answer.getBody(), "$.status")).as(group).isEqualTo("UP");
			assertThat(JsonPath.<Map<String, Object>>read(answer.getBody(), "$.components").keySet()).as(group)
				.containsExactlyInAnyOrderElementsOf(parts);
		});
		assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void metricsAreForOperatorsAndTheScraperAndTheScraperReadsNothingElse() {
		assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		for (List<String> refused : List.of(List.of("admin@northfield.example", "northfield"),
				List.of("demo-app", "demo-app-secret"), List.of("auditor", "auditor"))) {
			ResponseEntity<String> answer = as(refused.get(0), refused.get(1)).getForEntity("/actuator/prometheus",
					String.class);
			assertThat(answer.getStatusCode()).as(refused.get(0)).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		for (List<String> allowed : List.of(List.of("demo", "demo"), List.of("metrics", SCRAPER_PASSWORD))) {
			ResponseEntity<String> answer = as(allowed.get(0), allowed.get(1)).getForEntity("/actuator/prometheus",
					String.class);
			assertThat(answer.getStatusCode()).as(allowed.get(0)).isEqualTo(HttpStatus.OK);
			assertThat(answer.getBody()).contains("sda_access_requests_pending").contains("jvm_memory_used_bytes");
		}

		long requests = count("access_request");
		long jobs = count("act_ru_job");
		TestRestTemplate scraper = as("metrics", SCRAPER_PASSWORD);
		for (String path : List.of("/api/audit/events", "/api/schools/100001/grants", "/engine-rest/task",
				"/engine-rest/process-instance", "/engine-rest/history/process-instance", "/actuator/env",
				"/actuator/info")) {
			assertThat(scraper.getForEntity(path, String.class).getStatusCode()).as(path)
				.isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
		}
		ResponseEntity<String> submission = scraper.exchange("/api/access-requests", HttpMethod.POST,
				new HttpEntity<>(Map.of("schoolUrn", DemoSchools.NORTH, "purpose", "Scraping",
						"scopes", List.of(Map.of("name", "students.basic", "required", true))), json()),
				String.class);
		assertThat(submission.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(scraper.exchange("/engine-rest/process-definition/key/data-access-request/start", HttpMethod.POST,
				new HttpEntity<>(Map.of(), json()), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(scraper.exchange("/actuator/prometheus", HttpMethod.POST, new HttpEntity<>(Map.of(), json()),
				String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(count("access_request")).isEqualTo(requests);
		assertThat(count("act_ru_job")).isEqualTo(jobs);
	}

	@Test
	void gaugesAndTimersFollowTheWork() {
		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		String approved = submit(DemoSchools.NORTH);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(metric("sda_access_requests_pending", "age=\"under_1d\""))
				.isGreaterThanOrEqualTo(1));
		assertThat(metric("sda_access_requests", "status=\"PENDING\"")).isGreaterThanOrEqualTo(1);

		decide("admin@northfield.example", "northfield", approved, "APPROVE");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(metric("sda_webhook_deliveries_seconds_count",
					"event=\"access-request.approved\",outcome=\"delivered\"")).isEqualTo(1));
		assertThat(metric("sda_access_requests_decision_seconds_count", "outcome=\"APPROVED\"")).isEqualTo(1);
		assertThat(metric("sda_mis_calls_seconds_count", "operation=\"add_user_to_group\",outcome=\"success\""))
			.as("the demo schools' onboarding added the platform's MIS user to its groups")
			.isGreaterThanOrEqualTo(12);

		demoApp.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(503)));
		String declined = submit(DemoSchools.SOUTH);
		decide("admin@southbank.example", "southbank", declined, "DECLINE");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(metric("sda_incidents_open", "process=\"data-access-request\""))
				.isEqualTo(1));
		assertThat(metric("sda_webhook_deliveries_seconds_count",
				"event=\"access-request.declined\",outcome=\"refused\"")).isEqualTo(3);
		assertThat(metric("sda_jobs", "state=\"failed\"")).isEqualTo(1);
		assertThat(metric("sda_access_requests", "status=\"DECLINED\"")).isEqualTo(1);
		assertThat(metric("sda_access_requests_decision_seconds_count", "outcome=\"DECLINED\"")).isEqualTo(1);
	}

	private String submit(String urn) {
		ResponseEntity<String> accepted = as("demo-app", "demo-app-secret").exchange("/api/access-requests",
				HttpMethod.POST, new HttpEntity<>(Map.of("schoolUrn", urn, "purpose", "Homework for every class",
						"scopes", List.of(Map.of("name", "students.basic", "required", true))), json()),
				String.class);
		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return JsonPath.read(accepted.getBody(), "$.id");
	}

	private void decide(String administrator, String password, String requestId, String decision) {
		TestRestTemplate school = as(administrator, password);
		String task = await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<String> ids = JsonPath.read(school
				.getForEntity("/engine-rest/task?processInstanceBusinessKey=" + requestId, String.class)
				.getBody(), "$[*].id");
			return ids.isEmpty() ? null : ids.get(0);
		}, found -> found != null);
		Map<String, Object> variables = "APPROVE".equals(decision)
				? Map.of("decision", Map.of("value", decision), "approvedScopes",
						Map.of("value", "[\"students.basic\"]", "type", "Json"))
				: Map.of("decision", Map.of("value", decision), "declineReason", Map.of("value", "Not this term"));
		ResponseEntity<String> completed = school.exchange("/engine-rest/task/" + task + "/complete", HttpMethod.POST,
				new HttpEntity<>(Map.of("variables", variables), json()), String.class);
		assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	/**
	 * The value of one sample of the scrape, found by its name and the labels it must carry; 0 when absent.
	 */
	private double metric(String name, String labels) {
		String scrape = as("metrics", SCRAPER_PASSWORD).getForEntity("/actuator/prometheus", String.class).getBody();
		Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).contains(labels)) {
				return Double.parseDouble(sample.group(2));
			}
		}
		return 0;
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private TestRestTemplate as(String user, String password) {
		return http.withBasicAuth(user, password);
	}

	private static HttpHeaders json() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}
}
