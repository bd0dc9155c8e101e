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
}
