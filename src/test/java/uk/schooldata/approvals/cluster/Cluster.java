package uk.schooldata.approvals.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import uk.schooldata.approvals.TestDatabase;

/**
 * What the nodes of a cluster share, all real servers: one PostgreSQL database, an SMTP server (GreenMail) and the
 * apps' webhook receiver (WireMock). Builds the nodes' settings (the {@code prod} profile with short timers and
 * retries) and speaks to the nodes over HTTP as operators, school administrators and apps do.
 */
final class Cluster implements AutoCloseable {

	static final String OPERATOR_PASSWORD = "Cluster-Operator-1";

	static final String ADMIN_PASSWORD = "Cluster-Administrator-1";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final String databaseUrl = TestDatabase.newPostgresDatabase("cluster");

	final JdbcClient database;

	final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	final WireMockServer webhooks = new WireMockServer(wireMockConfig().dynamicPort());

	private final Map<String, String> appSecrets = new HashMap<>();

	Cluster() {
		mail.start();
		webhooks.start();
		webhooks.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
		DataSource dataSource = new DriverManagerDataSource(databaseUrl, "postgres", "postgres");
		database = JdbcClient.create(dataSource);
	}

	/**
	 * A node's settings: production's profile and PostgreSQL, the MIS simulator inside each node (its people are the
	 * same on every node; each onboarding runs while one node is up), and the given timers.
	 */
	Map<String, String> settings(Map<String, String> timers) {
		Map<String, String> settings = new HashMap<>(Map.ofEntries(Map.entry("spring.profiles.active", "prod"),
				Map.entry("DATABASE_URL", databaseUrl), Map.entry("DATABASE_USERNAME", "postgres"),
				Map.entry("DATABASE_PASSWORD", "postgres"), Map.entry("DATABASE_POOL_SIZE", "36"),
				Map.entry("WEB_THREADS", "16"), Map.entry("MAIL_HOST", "localhost"),
				Map.entry("MAIL_PORT", String.valueOf(mail.getSmtp().getPort())),
				Map.entry("OPERATOR_PASSWORD", OPERATOR_PASSWORD), Map.entry("MIS_API_KEY", "simulator-key"),
				Map.entry("INVITE_LINK_KEY", "the-cluster-nodes-shared-invitation-link-key"),
				Map.entry("MIS_BASE_URL", ""), Map.entry("app.mis.simulator.enabled", "true"),
				Map.entry("INVITE_BASE_URL", "https://invitations.example"),
				Map.entry("GOOGLE_CLIENT_ID", "school-data-approvals"), Map.entry("GOOGLE_CLIENT_SECRET", "not-used"),
				// Timers due soon are found within two seconds, not after the idle job executor's 60 s back-off.
				Map.entry("camunda.bpm.job-execution.max-wait", "2000"),
				// The jobs a killed node held are taken up by another 20 s after it took them, not after 5 minutes.
				Map.entry("camunda.bpm.job-execution.lock-time-in-millis", "20000"),
				Map.entry("app.retry.mis", "PT2S,PT2S"), Map.entry("app.retry.mail", "PT2S,PT2S"),
				Map.entry("app.retry.webhook", "PT2S,PT2S"), Map.entry("app.retry.batch", "PT2S,PT2S")));
		settings.putAll(timers);
		return settings;
	}

	/**
	 * Onboards a school through this node and gives its first administrator a known password.
	 */
	void onboard(ApplicationNode node, String urn) {
		Answer accepted = call(node, "operator", OPERATOR_PASSWORD, "POST", "/api/schools",
				Map.of("urn", urn, "name", "Cluster School " + urn, "contactEmail", administrator(urn)));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "ACTIVE".equals(call(node, "operator", OPERATOR_PASSWORD, "GET", "/api/schools/" + urn, null)
				.json()
				.path("status")
				.asText()));
		Answer password = call(node, "operator", OPERATOR_PASSWORD, "PUT",
				"/engine-rest/user/" + administrator(urn) + "/credentials",
				Map.of("password", ADMIN_PASSWORD, "authenticatedUserPassword", OPERATOR_PASSWORD));
		assertThat(password.status()).as(password.body()).isEqualTo(204);
	}

	/**
	 * Registers an app whose webhooks go to {@code /hooks/<appId>} at the shared receiver.
	 */
	void registerApp(ApplicationNode node, String appId) {
		Answer registered = call(node, "operator", OPERATOR_PASSWORD, "POST", "/api/apps",
				Map.of("appId", appId, "name", "Cluster App " + appId, "contactEmail", "developers@" + appId + ".example",
						"webhookUrl", webhooks.baseUrl() + "/hooks/" + appId));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		appSecrets.put(appId, registered.json().path("secret").asText());
	}

	/**
	 * The app asks the school for {@code students.basic}.
	 *
	 * @return the request's id
	 */
	String submit(ApplicationNode node, String appId, String urn) {
		Answer accepted = call(node, appId, appSecrets.get(appId), "POST", "/api/access-requests", Map.of("schoolUrn",
				urn, "purpose", "Homework for " + urn, "scopes", List.of(Map.of("name", "students.basic", "required", true))));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().path("id").asText();
	}

	/**
	 * The school's administrator completes the request's review task through this node, as Tasklist does.
	 */
	Answer decide(ApplicationNode node, String urn, String requestId, boolean approve) {
		String admin = administrator(urn);
		JsonNode tasks = call(node, admin, ADMIN_PASSWORD, "GET",
				"/engine-rest/task?processInstanceBusinessKey=" + requestId, null).json();
		assertThat(tasks.size()).as("the review task of " + requestId).isEqualTo(1);
		Map<String, Object> variables = approve
				? Map.of("decision", Map.of("value", "APPROVE"), "approvedScopes",
						Map.of("value", "[\"students.basic\"]", "type", "Json"))
				: Map.of("decision", Map.of("value", "DECLINE"), "declineReason", Map.of("value", "Not this term"));
		return call(node, admin, ADMIN_PASSWORD, "POST", "/engine-rest/task/" + tasks.get(0).path("id").asText()
				+ "/complete", Map.of("variables", variables));
	}

	/**
	 * Approves the request as a client that meets a dead node would: through the first node that answers, and when
	 * an answer was lost with its node, by asking whether the decision took.
	 *
	 * @return the node that took the decision, or that found it taken
	 */
	ApplicationNode approveSurely(List<ApplicationNode> nodes, String urn, String requestId) {
		for (int attempt = 0; attempt < 20; attempt++) {
			ApplicationNode node = nodes.get(attempt % nodes.size());
			try {
				String status = call(node, administrator(urn), ADMIN_PASSWORD, "GET",
						"/api/access-requests/" + requestId, null).json().path("status").asText();
				if (!"PENDING".equals(status)) {
					return node;
				}
				if (decide(node, urn, requestId, true).status() == 204) {
					return node;
				}
			}
			catch (UncheckedIOException | AssertionError lost) {
				// The node died under the call, or the task moved meanwhile: ask again, possibly elsewhere.
			}
		}
		throw new AssertionError("Request " + requestId + " could not be approved through any node");
	}

	/**
	 * Invites the students of these registration groups through this node.
	 *
	 * @return the batch's answer
	 */
	JsonNode inviteStudents(ApplicationNode node, String urn, List<String> registrationGroups) {
		Answer accepted = call(node, administrator(urn), ADMIN_PASSWORD, "POST", "/api/schools/" + urn + "/invites",
				Map.of("sourceGroup", "STUDENTS", "groupIds", registrationGroups));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json();
	}

	static String administrator(String urn) {
		return "office@" + urn + ".cluster.example";
	}

	/**
	 * How many times each value of this column occurs in the table, for the rows the condition selects.
	 */
	Map<String, Long> countBy(String column, String table, String condition) {
		Map<String, Long> counts = new HashMap<>();
		database.sql("select " + column + ", count(*) from " + table + " where " + condition + " group by " + column)
			.query((row, number) -> counts.put(row.getString(1), row.getLong(2)))
			.list();
		return counts;
	}

	Answer call(ApplicationNode node, String user, String password, String method, String path, Object body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
				.header("Accept", "application/json");
			if (body == null) {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			else {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
			}
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " at " + node.name() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every email the SMTP server took, by recipient.
	 */
	Map<String, List<String>> subjectsByRecipient() {
		Map<String, List<String>> subjects = new HashMap<>();
		for (var message : mail.getReceivedMessages()) {
			try {
				String to = message.getAllRecipients()[0].toString();
				subjects.computeIfAbsent(to, recipient -> new ArrayList<>()).add(message.getSubject());
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return subjects;
	}

	@Override
	public void close() {
		mail.stop();
		webhooks.stop();
	}

	record Answer(int status, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Not JSON (" + status + "): " + body, ex);
			}
		}
	}
}
