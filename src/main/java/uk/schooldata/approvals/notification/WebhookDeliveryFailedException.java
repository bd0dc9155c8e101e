package uk.schooldata.approvals.notification;

/**
 * An app did not take a webhook: it answered other than 2xx, did not answer in time, or could not be reached. Thrown
 * out of the calling job, so that Camunda retries it and, if the app stays unreachable, raises an incident. The message
 * names the event, the delivery, the receiver's host and what went wrong, never the signing secret.
 */
public class WebhookDeliveryFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	WebhookDeliveryFailedException(String message) {
		super(message);
	}

	WebhookDeliveryFailedException(String message, Throwable cause) {
		super(message, cause);
	}
}
