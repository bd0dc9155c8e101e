package uk.schooldata.approvals.demo;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.notification.Webhooks;

/**
 * The demo app's webhook receiver, inside this application so that the default run has somewhere to deliver to. It
 * does what a real app should: checks the signature over the raw body before trusting anything, then acknowledges.
 * Only in the default profile ({@code app.demo.enabled}); the demo app's webhook URL points here.
 */
@RestController
@ConditionalOnBooleanProperty("app.demo.enabled")
class DemoAppWebhookReceiver {

	private static final Logger LOG = LoggerFactory.getLogger(DemoAppWebhookReceiver.class);

	static final String PATH = "/demo-app/webhooks";

	private final DemoProperties demo;

	private final Clock clock = Clock.systemUTC();

	DemoAppWebhookReceiver(DemoProperties demo) {
		this.demo = demo;
	}

	@PostMapping(PATH)
	ResponseEntity<Void> receive(@RequestHeader("X-SDA-Event") String event,
			@RequestHeader("X-SDA-Delivery") String deliveryId,
			@RequestHeader(name = "X-SDA-Timestamp", required = false) String timestamp,
			@RequestHeader(name = "X-SDA-Signature", required = false) String signature, @RequestBody byte[] body) {
		if (!Webhooks.isGenuine(demo.app().webhookSecret(), timestamp, signature, body, clock.instant())) {
			LOG.warn("Demo app: refused webhook {} with a bad or stale signature", deliveryId);
			return ResponseEntity.status(401).build();
		}
		LOG.info("Demo app: received '{}' (delivery {})", event, deliveryId);
		return ResponseEntity.noContent().build();
	}
}
