package uk.schooldata.approvals.notification;

import java.util.Map;

/**
 * Sends email. Throws when the mail server cannot take the message, so that the calling job is retried and, if the
 * outage lasts, becomes an incident: a message is never silently lost.
 */
public interface Mailer {

	void send(Email email);

	/**
	 * Renders the template {@code templates/mail/<template>.txt} with the given values and sends it; with its HTML
	 * alternative too when {@code templates/mail/<template>.html} exists.
	 */
	void send(String to, String template, Map<String, String> values);

	/**
	 * As {@link #send(String, String, Map)}, once per delivery key and recipient: a retried job that sends the same
	 * email (same key) again sends it only to those who did not get it. At least once: a node that dies between the
	 * mail server taking the message and the delivery being recorded sends it again.
	 *
	 * @param deliveryKey names one email of one process step, stable across retries (the execution id and template)
	 */
	void sendOnce(String deliveryKey, String to, String template, Map<String, String> values);
}
