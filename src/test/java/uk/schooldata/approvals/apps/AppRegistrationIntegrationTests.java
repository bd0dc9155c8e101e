package uk.schooldata.approvals.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

/**
 * Registering an app through the API hands out its webhook signing secret once, next to its API secret, and keeps it
 * for signing; no later answer shows it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=false", "app.demo.enabled=true",
				"app.demo.app.webhook-secret=" + AppRegistrationIntegrationTests.DEMO_WEBHOOK_SECRET })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class AppRegistrationIntegrationTests {

	static final String DEMO_WEBHOOK_SECRET = "Demo-Webhook-Secret-4c7e2a";

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	Apps apps;

	@Autowired
	AppRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registrationAnswersARandomWebhookSecretOnceAndKeepsItForSigning() {
		ResponseEntity<String> registered = register(anApp("homework-hub"));

		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String secret = JsonPath.read(registered.getBody(), "$.secret");
		String webhookSecret = JsonPath.read(registered.getBody(), "$.webhookSecret");
		assertThat(webhookSecret).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(secret);
		assertThat(Base64.getUrlDecoder().decode(webhookSecret)).hasSize(32);
		assertThat(apps.webhookTarget("homework-hub"))
			.isEqualTo(new WebhookTarget("https://homework-hub.example/hooks", webhookSecret));
		assertThat(jdbc.sql("select webhook_secret from app where app_id = 'homework-hub'").query(String.class).single())
			.isEqualTo(webhookSecret);

		List<ResponseEntity<String>> reads = List.of(operator().getForEntity("/api/apps/homework-hub", String.class),
				anonymous.withBasicAuth("homework-hub", secret).getForEntity("/api/apps/homework-hub", String.class),
				operator().getForEntity("/api/apps", String.class));
		assertThat(reads).allSatisfy(read -> {
			assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(read.getBody()).contains("homework-hub")
				.doesNotContain(webhookSecret)
				.doesNotContain("webhookSecret")
				.doesNotContain(secret);
		});
	}

	@Test
	void everyAppGetsAWebhookSecretOfItsOwn() {
		String first = JsonPath.read(register(anApp("revision-planner")).getBody(), "$.webhookSecret");
		String second = JsonPath.read(register(anApp("reading-log")).getBody(), "$.webhookSecret");

		assertThat(first).isNotEqualTo(second);
		assertThat(apps.webhookTarget("revision-planner").secret()).isEqualTo(first);
		assertThat(apps.webhookTarget("reading-log").secret()).isEqualTo(second);
	}

	@Test
	void registeringATakenAppIdAgainNeitherShowsNorChangesTheWebhookSecret() {
		String webhookSecret = JsonPath.read(register(anApp("parent-messenger")).getBody(), "$.webhookSecret");

		ResponseEntity<String> again = register(anApp("parent-messenger"));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getBody()).doesNotContain("webhookSecret").doesNotContain(webhookSecret);
		assertThat(apps.webhookTarget("parent-messenger").secret()).isEqualTo(webhookSecret);
	}

	@Test
	void theDemoAppSignsWithTheWebhookSecretFromConfiguration() {
		WebhookTarget target = apps.webhookTarget("demo-app");

		assertThat(target.secret()).isEqualTo(DEMO_WEBHOOK_SECRET);
		assertThat(target.url()).startsWith("http://localhost:").endsWith("/demo-app/webhooks");
	}

	@Test
	void anAppRegisteredBeforeWebhookSecretsCannotBeNotifiedUntilItIsGivenOneWhichItThenKeeps() {
		register(anApp("legacy-app"));
		jdbc.sql("update app set webhook_secret = null where app_id = 'legacy-app'").update();

		assertThatIllegalStateException().isThrownBy(() -> apps.webhookTarget("legacy-app"))
			.withMessageContaining("legacy-app has no webhook signing secret");

		assertThat(registry.giveWebhookSecretIfMissing("legacy-app", "Given-Secret-1")).isTrue();
		assertThat(registry.giveWebhookSecretIfMissing("legacy-app", "Given-Secret-2")).isFalse();
		assertThat(apps.webhookTarget("legacy-app").secret()).isEqualTo("Given-Secret-1");
	}

	@Test
	void anUnknownAppHasNoWebhookTarget() {
		assertThatIllegalArgumentException().isThrownBy(() -> apps.webhookTarget("no-such-app"))
			.withMessageContaining("no-such-app");
	}

	@Test
	void theWebhookTargetNeverShowsItsSecretWhenWritten() {
		assertThat(new WebhookTarget("https://homework-hub.example/hooks", "S3cret-Value")).asString()
			.contains("https://homework-hub.example/hooks")
			.doesNotContain("S3cret-Value");
	}

	private ResponseEntity<String> register(Map<String, String> app) {
		return operator().postForEntity("/api/apps", app, String.class);
	}

	private TestRestTemplate operator() {
		return anonymous.withBasicAuth("demo", "demo");
	}

	private static Map<String, String> anApp(String appId) {
		return Map.of("appId", appId, "name", "App " + appId, "contactEmail", "dev@" + appId + ".example",
				"webhookUrl", "https://" + appId + ".example/hooks");
	}
}
