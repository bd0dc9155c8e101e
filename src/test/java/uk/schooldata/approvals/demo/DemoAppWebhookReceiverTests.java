package uk.schooldata.approvals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The demo app's receiver trusts only webhooks signed with its secret over exactly the body received, and fresh.
 */
class DemoAppWebhookReceiverTests {

	static final String SECRET = "demo-webhook-secret";

	static final byte[] BODY = "{\"requestId\":\"r-1\",\"status\":\"APPROVED\"}".getBytes(StandardCharsets.UTF_8);

	DemoAppWebhookReceiver receiver = new DemoAppWebhookReceiver(new DemoProperties(true, null,
			new DemoProperties.DemoApp("demo-app", "Demo", "dev@demo.example", "http://localhost/hooks", "secret",
					SECRET),
			List.of()));

	@Test
	void acknowledgesAWebhookSignedWithTheDemoAppsSecret() throws Exception {
		String now = String.valueOf(Instant.now().getEpochSecond());

		assertThat(status(now, sign(SECRET, now, BODY), BODY)).isEqualTo(204);
	}

	@Test
	void refusesATamperedBodyAnotherSecretAStaleTimestampOrNoSignature() throws Exception {
		String now = String.valueOf(Instant.now().getEpochSecond());
		String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
		byte[] tampered = "{\"requestId\":\"r-1\",\"status\":\"DECLINED\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(status(now, sign(SECRET, now, BODY), tampered)).isEqualTo(401);
		assertThat(status(now, sign("another-secret", now, BODY), BODY)).isEqualTo(401);
		assertThat(status(stale, sign(SECRET, stale, BODY), BODY)).isEqualTo(401);
		assertThat(status(now, null, BODY)).isEqualTo(401);
		assertThat(status(now, "sha256=not-hex", BODY)).isEqualTo(401);
	}

	private int status(String timestamp, String signature, byte[] body) {
		return receiver.receive("access-request.approved", "r-1:APPROVED", timestamp, signature, body)
			.getStatusCode()
			.value();
	}

	private static String sign(String secret, String timestamp, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
	}
}
