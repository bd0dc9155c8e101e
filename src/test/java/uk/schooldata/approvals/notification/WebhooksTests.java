package uk.schooldata.approvals.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.client.RestClient;

@ExtendWith(OutputCaptureExtension.class)
class WebhooksTests {

	private static final String SECRET = "whsec-Xq3v9LmT0pZr7c2B";

	private static final String DELIVERY = "5b0c8f1e-2d1a-4c57-9e0b-7f4a3d2c1b00";

	private static final String EVENT = "access-request.decided";

	/** Short, for the timeout test only: the first request of a cold JVM may take longer. */
	private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

	@RegisterExtension
	static final WireMockExtension receiver = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	/** As Spring Boot configures the application's: dates as ISO-8601 text. */
	private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json()
		.featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final Webhooks webhooks = webhooksWithReadTimeout(Duration.ofSeconds(10));

	@Test
	void postsThePayloadAsJsonWithTheEventDeliveryAndTimestampHeaders() {
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(204)));
		long before = Instant.now().getEpochSecond();

		webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision());

		long after = Instant.now().getEpochSecond();
		receiver.verify(1, postRequestedFor(urlEqualTo("/hooks"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("X-SDA-Event", equalTo(EVENT))
			.withHeader("X-SDA-Delivery", equalTo(DELIVERY))
			.withRequestBody(equalToJson("""
					{"requestId": "DAR-1", "schoolUrn": "100001", "status": "PARTIALLY_APPROVED",
					 "approvedScopes": ["students.basic", "timetables"], "decidedAt": "2025-09-01T08:30:00Z"}
					""")));
		assertThat(Long.parseLong(received().getHeader("X-SDA-Timestamp"))).isBetween(before, after);
	}

	@Test
	void signsTheTimestampAndTheExactBodyWithTheSecret() {
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(200)));

		webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision());

		LoggedRequest request = received();
		String timestamp = request.getHeader("X-SDA-Timestamp");
		assertThat(request.getHeader("X-SDA-Signature"))
			.isEqualTo("sha256=" + hmacSha256(SECRET, timestamp, request.getBody()))
			.isNotEqualTo("sha256=" + hmacSha256("another-secret", timestamp, request.getBody()))
			.isNotEqualTo("sha256=" + hmacSha256(SECRET, String.valueOf(Long.parseLong(timestamp) - 1),
					request.getBody()));
	}

	@Test
	void aSignatureDoesNotVerifyForAnotherBody() {
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(200)));

		webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision());

		LoggedRequest request = received();
		byte[] tampered = new String(request.getBody(), StandardCharsets.UTF_8)
			.replace("PARTIALLY_APPROVED", "APPROVED")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(request.getHeader("X-SDA-Signature"))
			.isNotEqualTo("sha256=" + hmacSha256(SECRET, request.getHeader("X-SDA-Timestamp"), tampered));
	}

	@Test
	void sendsTheSameDeliveryIdWhenADeliveryIsRetried() {
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(WebhookDeliveryFailedException.class)
			.isThrownBy(() -> webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision()));
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(202)));

		webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision());

		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hooks"))))
			.extracting(request -> request.getHeader("X-SDA-Delivery"))
			.containsExactly(DELIVERY, DELIVERY);
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 503, 404, 400, 410, 302 })
	void failsWhenTheReceiverAnswersOtherThan2xx(int status) {
		receiver.stubFor(post("/hooks")
			.willReturn(aResponse().withStatus(status).withHeader("Location", receiver.url("/elsewhere"))));

		assertThatExceptionOfType(WebhookDeliveryFailedException.class)
			.isThrownBy(() -> webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision()))
			.withMessage("Webhook " + EVENT + " (delivery " + DELIVERY + ") to localhost failed: the receiver answered "
					+ status)
			.satisfies(WebhooksTests::doesNotRevealTheSecret);
		receiver.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
		receiver.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
	}

	@Test
	void failsWhenTheReceiverDoesNotAnswerWithinTheReadTimeout() {
		Webhooks impatient = webhooksWithReadTimeout(SHORT_READ_TIMEOUT);
		receiver.stubFor(post("/hooks")
			.willReturn(aResponse().withStatus(200).withFixedDelay(10 * (int) SHORT_READ_TIMEOUT.toMillis())));

		assertThatExceptionOfType(WebhookDeliveryFailedException.class)
			.isThrownBy(() -> impatient.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision()))
			.withMessageContaining("to localhost failed")
			.withMessageContaining("did not answer within the read timeout")
			.satisfies(WebhooksTests::doesNotRevealTheSecret);
	}

	@Test
	void failsWhenTheReceiverRefusesTheConnection() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		assertThatExceptionOfType(WebhookDeliveryFailedException.class)
			.isThrownBy(() -> webhooks.send("http://localhost:" + closedPort + "/hooks", SECRET, EVENT, DELIVERY,
					aDecision()))
			.withMessageContaining("to localhost failed")
			.withMessageContaining("could not be reached")
			.satisfies(WebhooksTests::doesNotRevealTheSecret);
	}

	@Test
	void refusesAUrlThatIsNotAbsoluteHttp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> webhooks.send("ftp://receiver.example/hooks", SECRET, EVENT, DELIVERY, aDecision()))
			.withMessageNotContaining(SECRET);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> webhooks.send("/hooks", SECRET, EVENT, DELIVERY, aDecision()));
	}

	@Test
	void neverLogsTheSecretOrTheBody(CapturedOutput output) {
		receiver.stubFor(post("/hooks").willReturn(aResponse().withStatus(204)));
		receiver.stubFor(post("/broken").willReturn(aResponse().withStatus(500)));

		webhooks.send(receiver.url("/hooks"), SECRET, EVENT, DELIVERY, aDecision());
		assertThatExceptionOfType(WebhookDeliveryFailedException.class)
			.isThrownBy(() -> webhooks.send(receiver.url("/broken"), SECRET, EVENT, DELIVERY, aDecision()));

		assertThat(output.getAll()).contains("delivered").doesNotContain(SECRET).doesNotContain("PARTIALLY_APPROVED");
	}

	private Webhooks webhooksWithReadTimeout(Duration readTimeout) {
		return new Webhooks(new WebhookProperties(Duration.ofSeconds(2), readTimeout), RestClient.builder(),
				objectMapper, new SimpleMeterRegistry());
	}

	private static Decision aDecision() {
		return new Decision("DAR-1", "100001", "PARTIALLY_APPROVED", List.of("students.basic", "timetables"),
				Instant.parse("2025-09-01T08:30:00Z"));
	}

	private static LoggedRequest received() {
		List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/**
	 * What a receiver does, written out here rather than taken from {@link Webhooks}: HMAC-SHA256 keyed with the
	 * secret's UTF-8 bytes over {@code <timestamp>.<body>}, in lower-case hex.
	 */
	private static String hmacSha256(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static void doesNotRevealTheSecret(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
		}
	}

	record Decision(String requestId, String schoolUrn, String status, List<String> approvedScopes,
			Instant decidedAt) {
	}
}
