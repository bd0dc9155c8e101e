package uk.schooldata.approvals.notification;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends signed webhooks to apps: one JSON {@code POST} per call, with connect and read timeouts from
 * {@code app.webhook.*}.
 * <p>
 * Every request carries these headers:
 * <ul>
 * <li>{@code Content-Type: application/json}</li>
 * <li>{@code X-SDA-Event}: what happened, for example {@code access-request.decided}</li>
 * <li>{@code X-SDA-Delivery}: the delivery's id, the same on every retry of one delivery, so that the receiver can
 * ignore a delivery it has already processed</li>
 * <li>{@code X-SDA-Timestamp}: when this attempt was signed, in seconds since the epoch; new on every attempt</li>
 * <li>{@code X-SDA-Signature}: {@code sha256=} followed by the lower-case hex HMAC-SHA256 of the timestamp, a full
 * stop and the exact body bytes ({@code <timestamp>.<body>}), keyed with the UTF-8 bytes of the app's webhook
 * secret</li>
 * </ul>
 * A receiver recomputes the signature over the body bytes exactly as received, compares in constant time and rejects
 * old timestamps (see {@code docs/webhooks.md}).
 * <p>
 * Only a 2xx answer is a delivery. Any other answer, redirects included (they are not followed), a timeout or a
 * connection error throws {@link WebhookDeliveryFailedException}, so that the calling job is retried and then becomes
 * an incident. Neither the secret nor the body is ever logged.
 */
@Component
public class Webhooks {

	static final String EVENT_HEADER = "X-SDA-Event";

	static final String DELIVERY_HEADER = "X-SDA-Delivery";

	static final String TIMESTAMP_HEADER = "X-SDA-Timestamp";

	static final String SIGNATURE_HEADER = "X-SDA-Signature";

	private static final String SIGNATURE_PREFIX = "sha256=";

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

	private final RestClient restClient;

	private final ObjectMapper objectMapper;

	private final Clock clock = Clock.systemUTC();

	private final MeterRegistry meters;

	Webhooks(WebhookProperties properties, RestClient.Builder restClientBuilder, ObjectMapper objectMapper,
			MeterRegistry meters) {
		this.meters = meters;
		this.restClient = restClientBuilder
			// HTTP/1.1: the JDK client's default, an HTTP/2 upgrade on every new connection, breaks requests with a body
			// on some servers.
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
				.build(ClientHttpRequestFactorySettings.defaults()
					.withTimeouts(properties.connectTimeout(), properties.readTimeout())
					// A redirected POST may arrive as a GET, or somewhere the app did not register: not a delivery.
					.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)))
			.build();
		this.objectMapper = objectMapper;
	}

	/**
	 * Signs the payload as JSON and posts it to the app.
	 *
	 * @param url the app's webhook URL, absolute http or https
	 * @param secret the app's webhook signing secret
	 * @param eventType what happened, sent as {@code X-SDA-Event}
	 * @param deliveryId sent as {@code X-SDA-Delivery}; the caller passes the same id on every retry of one delivery
	 * @param payload written as JSON with the application's {@link ObjectMapper}
	 * @throws WebhookDeliveryFailedException when the app does not answer 2xx in time
	 */
	public void send(String url, String secret, String eventType, String deliveryId, Object payload) {
		Assert.hasText(secret, "A webhook secret is required");
		Assert.hasText(eventType, "An event type is required");
		Assert.hasText(deliveryId, "A delivery id is required");
		URI target = target(url);
		byte[] body = json(payload);
		String timestamp = String.valueOf(clock.instant().getEpochSecond());
		String what = "Webhook " + eventType + " (delivery " + deliveryId + ") to " + target.getHost();
		Timer.Sample sample = Timer.start(meters);
		String outcome = "unreachable";
		try {
			HttpStatusCode status = post(target, secret, eventType, deliveryId, body, timestamp, what);
			outcome = status.is2xxSuccessful() ? "delivered" : "refused";
			if (!status.is2xxSuccessful()) {
				throw new WebhookDeliveryFailedException(what + " failed: the receiver answered " + status.value());
			}
			LOG.info("{} delivered: the receiver answered {}", what, status.value());
		}
		finally {
			sample.stop(Timer.builder("sda.webhook.deliveries")
				.description("Webhook deliveries to apps, by event and outcome (every attempt counts)")
				.tags("event", eventType, "outcome", outcome)
				.register(meters));
		}
	}

	private HttpStatusCode post(URI target, String secret, String eventType, String deliveryId, byte[] body,
			String timestamp, String what) {
		try {
			return restClient.post()
				.uri(target)
				.contentType(MediaType.APPLICATION_JSON)
				.header(EVENT_HEADER, eventType)
				.header(DELIVERY_HEADER, deliveryId)
				.header(TIMESTAMP_HEADER, timestamp)
				.header(SIGNATURE_HEADER, SIGNATURE_PREFIX + signature(secret, timestamp, body))
				.body(body)
				.exchange((request, response) -> response.getStatusCode());
		}
		catch (ResourceAccessException ex) {
			throw new WebhookDeliveryFailedException(what + " failed: the receiver " + unreachable(ex), ex);
		}
		catch (RestClientException ex) {
			throw new WebhookDeliveryFailedException(what + " failed: the request could not be made", ex);
		}
	}

	/**
	 * Whether a received webhook carries this secret's signature over exactly this body, signed within five minutes of
	 * {@code now}: what a receiver checks before it trusts anything in it (see docs/webhooks.md).
	 */
	public static boolean isGenuine(String secret, String timestampHeader, String signatureHeader, byte[] body,
			Instant now) {
		if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(SIGNATURE_PREFIX)) {
			return false;
		}
		try {
			Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestampHeader));
			if (Duration.between(signedAt, now).abs().compareTo(Duration.ofMinutes(5)) > 0) {
				return false;
			}
			byte[] given = HexFormat.of().parseHex(signatureHeader.substring(SIGNATURE_PREFIX.length()));
			byte[] expected = HexFormat.of().parseHex(signature(secret, timestampHeader, body));
			return MessageDigest.isEqual(expected, given);
		}
		catch (IllegalArgumentException malformed) {
			return false;
		}
	}

	/**
	 * The hex HMAC-SHA256 of {@code <timestamp>.<body>} keyed with the secret's UTF-8 bytes.
	 */
	private static String signature(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
			mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) '.');
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime has HmacSHA256, and any non-empty key fits it.
			throw new IllegalStateException("Cannot compute the webhook signature", ex);
		}
	}

	private static URI target(String url) {
		Assert.hasText(url, "A webhook URL is required");
		try {
			URI uri = new URI(url);
			if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new IllegalArgumentException("The webhook URL is not an absolute http or https URL");
	}

	private byte[] json(Object payload) {
		Assert.notNull(payload, "A payload is required");
		try {
			return objectMapper.writeValueAsBytes(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("The webhook payload cannot be written as JSON", ex);
		}
	}

	private static String unreachable(ResourceAccessException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException) {
				return "did not accept a connection within the connect timeout (app.webhook.connect-timeout)";
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return "did not answer within the read timeout (app.webhook.read-timeout)";
			}
		}
		return "could not be reached (connection error)";
	}
}

