package uk.schooldata.approvals.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestDatabase;
import uk.schooldata.approvals.TestMailServer;

/**
 * PostgreSQL unreachable for a minute under load: readiness goes down (an orchestrator stops routing to the node) while
 * liveness stays up (nobody restarts it), callers are told 503 in plain words rather than 500, the node recovers by
 * itself when the database returns, and every submission it acknowledged with a {@code 2xx} is there afterwards, its
 * process waiting at the review.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.demo.enabled=true", "spring.datasource.hikari.connection-timeout=2000" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class DatabaseOutageTests {

	static final Duration OUTAGE = Duration.ofMinutes(1);

	static final String DATABASE = TestDatabase.createPostgresDatabase("outage");

	static final TcpProxy network = new TcpProxy(TestDatabase.postgres().getPort());

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void databaseBehindTheProxy(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + network.port() + "/" + DATABASE);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	@AfterAll
	static void closeProxy() {
		network.close();
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void readinessGoesDownWhileTheDatabaseIsAwayAndTheNodeRecoversLosingNothingItAcknowledged() throws Exception {
		DemoSchools.awaitActive(http, DemoSchools.NORTH);
		List<String> acknowledged = new CopyOnWriteArrayList<>();
		Set<Integer> answers = ConcurrentHashMap.newKeySet();
		List<String> refusals = new CopyOnWriteArrayList<>();
		AtomicBoolean submitting = new AtomicBoolean(true);
		Thread app = new Thread(() -> {
			while (submitting.get()) {
				ResponseEntity<String> answer;
				try {
					answer = submit();
				}
				catch (RuntimeException ex) {
					answers.add(-1);
					refusals.add("no answer: " + ex);
					continue;
				}
				answers.add(answer.getStatusCode().value());
				if (answer.getStatusCode().is2xxSuccessful()) {
					acknowledged.add(JsonPath.read(answer.getBody(), "$.id"));
				}
				else {
					refusals.add(answer.getHeaders().getContentType() + " " + answer.getHeaders().getFirst("Retry-After")
							+ " " + answer.getBody());
				}
				sleep(250);
			}
		}, "demo-app");
		app.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 3);

		network.cut();
		Instant cut = Instant.now();
		await().atMost(Duration.ofSeconds(20)).until(() -> status("/actuator/health/readiness") == 503);
		assertThat(status("/actuator/health/liveness")).as("alive: nobody should restart it").isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> !refusals.isEmpty());
		sleep(Duration.between(Instant.now(), cut.plus(OUTAGE)).toMillis());
		assertThat(status("/actuator/health/readiness")).as("still away after a minute").isEqualTo(503);
		int beforeRecovery = acknowledged.size();

		network.restore();
		await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
		await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= beforeRecovery + 3);
		submitting.set(false);
		app.join();

		assertThat(answers).as("accepted or told to come back, never a 500").isSubsetOf(202, 503);
		assertThat(refusals).allSatisfy(refusal -> assertThat(refusal).startsWith("application/problem+json")
			.contains("database")
			.doesNotContain("Exception", "ENGINE-", "SQL"));
		assertThat(refusals.get(0)).contains(" 30 ");
		List<String> stored = jdbc.sql("select id from access_request where id in (:ids)")
			.param("ids", acknowledged)
			.query(String.class)
			.list();
		assertThat(stored).as("every acknowledged submission is there").containsExactlyInAnyOrderElementsOf(acknowledged);
		String last = acknowledged.get(acknowledged.size() - 1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc.sql("""
					select count(*) from act_ru_task t join access_request r on r.process_instance_id = t.proc_inst_id_
					where r.id = :id
					""").param("id", last).query(Long.class).single()).as("the job executor works again").isOne());
		assertThat(jdbc.sql("select status from access_request where id in (:ids)")
			.param("ids", acknowledged)
			.query(String.class)
			.list()).containsOnly("PENDING", "SUPERSEDED");
	}

	/**
	 * One submission, as an app without automatic retries makes it (the test's own HTTP client would wait out a
	 * {@code Retry-After} and try again by itself).
	 */
	private ResponseEntity<String> submit() {
		try {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(http.getRootUri()
					+ "/api/access-requests"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("demo-app:demo-app-secret".getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"schoolUrn": "100001", "purpose": "Homework for every class",
						 "scopes": [{"name": "students.basic", "required": true}]}
						"""))
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpHeaders headers = new HttpHeaders();
			answer.headers().map().forEach(headers::addAll);
			return new ResponseEntity<>(answer.body(), headers, answer.statusCode());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private int status(String path) {
		return http.getForEntity(path, String.class).getStatusCode().value();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
