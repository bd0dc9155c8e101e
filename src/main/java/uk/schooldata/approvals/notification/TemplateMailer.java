package uk.schooldata.approvals.notification;

import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends through the configured SMTP server ({@code spring.mail.*}); without one, as in the default run, writes the
 * message to the log instead, the recipient left out.
 */
@Component
class TemplateMailer implements Mailer {

	private static final Logger LOG = LoggerFactory.getLogger(TemplateMailer.class);

	private final JavaMailSender sender;

	private final MailTemplates templates;

	private final MailProperties properties;

	private final MailDeliveries deliveries;

	TemplateMailer(ObjectProvider<JavaMailSender> sender, MailTemplates templates, MailProperties properties,
			MailDeliveries deliveries) {
		this.sender = sender.getIfAvailable();
		this.templates = templates;
		this.properties = properties;
		this.deliveries = deliveries;
	}

	@Override
	public void sendOnce(String deliveryKey, String to, String template, Map<String, String> values) {
		if (deliveries.wasSent(deliveryKey, to)) {
			LOG.debug("Email {} went out already; not sent again", deliveryKey);
			return;
		}
		send(to, template, values);
		deliveries.recordSent(deliveryKey, to, ClockUtil.getCurrentTime().toInstant());
	}

	@Override
	public void send(String to, String template, Map<String, String> values) {
		MailTemplates.RenderedMail mail = templates.render(template, values);
		if (mail.html() == null || sender == null) {
			send(new Email(to, mail.subject(), mail.text()));
			return;
		}
		MimeMessage message = sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(properties.from());
			helper.setTo(to);
			helper.setSubject(mail.subject());
			helper.setText(mail.text(), mail.html());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot build the email '" + mail.subject() + "'", ex);
		}
		sender.send(message);
		LOG.debug("Sent '{}' (text and HTML)", mail.subject());
	}

	@Override
	public void send(Email email) {
		if (sender == null) {
			LOG.info("DEMO ONLY - no SMTP server is configured (spring.mail.host), so this email was not sent; in a real "
					+ "run it goes to its recipient:\nSubject: {}\n\n{}", email.subject(), email.text());
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(properties.from());
		message.setTo(email.to());
		message.setSubject(email.subject());
		message.setText(email.text());
		sender.send(message);
		LOG.debug("Sent '{}'", email.subject());
	}
}
