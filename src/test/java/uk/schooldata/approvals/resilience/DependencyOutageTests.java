package uk.schooldata.approvals.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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

import uk.schooldata.approvals.TestDatabase;
import uk.schooldata.approvals.TestPorts;
import uk.schooldata.approvals.mis.MisProperties;
import uk.schooldata.approvals.mis.simulator.MisSimulator;

/**
 * The MIS, the SMTP server and an app's webhook receiver each away for longer than the retry cycle, on PostgreSQL:
 * the step becomes an incident; when the dependency is back, the operator's retry (as Cockpit's "Increment retries"
 * does) finishes the work, and nothing is done twice: one MIS user, one email, one webhook delivery id. The MIS and
 * the receiver go away the hard way: they take the request and the answer is lost (it comes after the timeout).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.mis.read-timeout=PT1S", "app.webhook.read-timeout=PT1S" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class DependencyOutageTests {

	static final int SMTP_PORT = TestPorts.free();

	static GreenMail smtp = startSmtp();

	@RegisterExtension
	static WireMockExtension mis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension app = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void databaseMailAndMis(DynamicPropertyRegistry registry) {
		String database = TestDatabase.newPostgresDatabase("dependency_outage");
		registry.add("spring.datasource.url", () -> database);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		// The MIS is reached through a proxy that can lose its answers; behind it, the simulator in this application.
		registry.add("app.mis.base-url", mis::baseUrl);
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MisSimulator simulator;

	@BeforeEach
	void everythingAnswers() {
		misAnswersAfter(Duration.ZERO);
		app.resetAll();
	}

	@Test
	void theMisAwayBecomesAnIncidentAndTheRetryFinishesOnboardingWithOneMisUser() {
		misAnswersAfter(Duration.ofSeconds(2));
		onboard("610001");
		Incident incident = awaitIncident("school-onboarding", "610001");
		assertThat(simulator.userCount("610001")).as("the MIS made the user; its answer was lost").isOne();
		assertThat(school("610001")).isEqualTo("ONBOARDING");
		assertThat(as("demo", "demo").getForEntity("/actuator/health/mis", String.class).getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		misAnswersAfter(Duration.ZERO);
		retry(incident);

		await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(school("610001")));
		assertThat(simulator.userCount("610001")).as("no second MIS user").isOne();
		assertThat(jdbc.sql("select count(*) from school_mis_group where urn = '610001'").query(Long.class).single())
			.isEqualTo(6);
		assertThat(openIncidents(incident)).isZero();
	}

	@Test
	void theSmtpServerAwayBecomesAnIncidentAndTheRetrySendsTheEmailOnce() {
		smtp.stop();
		onboard("610002");
		Incident incident = awaitIncident("school-onboarding", "610002");
		assertThat(school("610002")).isEqualTo("ONBOARDING");

		smtp = startSmtp();
		retry(incident);

		await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(school("610002")));
		assertThat(smtp.getReceivedMessagesForDomain("office@610002.outage.example")).hasSize(1);
		assertThat(openIncidents(incident)).isZero();
	}

	@Test
	void aReceiverThatLosesItsAnswersGetsTheSameDeliveryIdUntilTheRetryIsAnsweredAndTheGrantIsMadeOnce() {
		onboard("610003");
		await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(school("610003")));
		String secret = registerApp("outage-app");
		String administrator = "office@610003.outage.example";
		assertThat(as("demo", "demo").exchange("/engine-rest/user/" + administrator + "/credentials", HttpMethod.PUT,
				json(Map.of("password", "Outage-Administrator-1", "authenticatedUserPassword", "demo")), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204).withFixedDelay(2000)));

		ResponseEntity<String> submitted = as("outage-app", secret).exchange("/api/access-requests", HttpMethod.POST,
				json(Map.of("schoolUrn", "610003", "purpose", "Homework",
						"scopes", List.of(Map.of("name", "students.basic", "required", true)))), String.class);
		assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		String requestId = JsonPath.read(submitted.getBody(), "$.id");
		TestRestTemplate school = as(administrator, "Outage-Administrator-1");
		String task = await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<String> ids = JsonPath.read(school.getForEntity("/engine-rest/task?processInstanceBusinessKey="
					+ requestId, String.class).getBody(), "$[*].id");
			return ids.isEmpty() ? null : ids.get(0);
		}, found -> found != null);
		assertThat(school.exchange("/engine-rest/task/" + task + "/complete", HttpMethod.POST,
				json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"students.basic\"]", "type", "Json")))), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		Incident incident = awaitIncident("data-access-request", null);
		assertThat(deliveries()).as("three attempts, all taken, no answer in time").hasSize(3);

		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		retry(incident);

		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries().size() == 4);
		await().atMost(Duration.ofSeconds(30)).until(() -> openIncidents(incident) == 0 && grants(requestId) == 1);
		List<LoggedRequest> deliveries = deliveries();
		assertThat(deliveries.stream().map(request -> request.getHeader("X-SDA-Delivery")).collect(Collectors.toSet()))
			.as("one delivery id, so the app keeps the first and ignores the rest").hasSize(1);
		assertThat(grants(requestId)).as("one grant").isOne();
	}

	private void misAnswersAfter(Duration delay) {
		mis.resetAll();
		mis.stubFor(any(anyUrl()).willReturn(aResponse()
			.proxiedFrom("http://localhost:" + port + MisProperties.Simulator.PATH)
			.withFixedDelay((int) delay.toMillis())));
	}

	private void onboard(String urn) {
		ResponseEntity<String> accepted = as("demo", "demo").postForEntity("/api/schools", Map.of("urn", urn, "name",
				"Outage School " + urn, "contactEmail", "office@" + urn + ".outage.example"), String.class);
		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
	}

	private String registerApp(String appId) {
		ResponseEntity<String> registered = as("demo", "demo").postForEntity("/api/apps", Map.of("appId", appId,
				"name", "Outage App", "contactEmail", "developers@outage.example", "webhookUrl", app.baseUrl() + "/hooks"),
				String.class);
		assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
		return JsonPath.read(registered.getBody(), "$.secret");
	}

	private String school(String urn) {
		return JsonPath.read(as("demo", "demo").getForEntity("/api/schools/" + urn, String.class).getBody(), "$.status");
	}

	/**
	 * Waits for the incident the exhausted retries raise, as the operator sees it in Cockpit.
	 */
	private Incident awaitIncident(String process, String businessKey) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Map<String, Object>> incidents = JsonPath.read(as("demo", "demo")
				.getForEntity("/engine-rest/incident?processDefinitionKeyIn=" + process, String.class)
				.getBody(), "$");
			return incidents.stream()
				.filter(incident -> businessKey == null || businessKey.equals(businessKeyOf(incident)))
				.map(incident -> new Incident((String) incident.get("configuration"),
						(String) incident.get("processInstanceId")))
				.findFirst()
				.orElse(null);
		}, found -> found != null);
	}

	private String businessKeyOf(Map<String, Object> incident) {
		return JsonPath.read(as("demo", "demo").getForEntity("/engine-rest/process-instance/"
				+ incident.get("processInstanceId"), String.class).getBody(), "$.businessKey");
	}

	/**
	 * The operator's retry of a failed job: one more attempt, now.
	 */
	private void retry(Incident incident) {
		assertThat(as("demo", "demo").exchange("/engine-rest/job/" + incident.jobId() + "/retries", HttpMethod.PUT,
				json(Map.of("retries", 1)), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private long openIncidents(Incident incident) {
		return jdbc.sql("select count(*) from act_ru_incident where proc_inst_id_ = :instance")
			.param("instance", incident.processInstanceId())
			.query(Long.class)
			.single();
	}

	private long grants(String requestId) {
		return jdbc.sql("select count(*) from scope_grant where request_id = :id").param("id", requestId)
			.query(Long.class)
			.single();
	}

	private List<LoggedRequest> deliveries() {
		return app.findAll(postRequestedFor(urlEqualTo("/hooks")));
	}

	private TestRestTemplate as(String user, String password) {
		return http.withBasicAuth(user, password);
	}

	private static HttpEntity<Object> json(Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

	record Incident(String jobId, String processInstanceId) {
	}

	private static GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		server.start();
		return server;
	}
}
