package uk.schooldata.approvals.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends through the configured SMTP server ({@code spring.mail.*}); without one, as in the default run, writes the
 * message to the log instead, the recipient left out.
 */
@Component
class TemplateMailer implements Mailer {

	static final String DELIVERY_HEADER = "X-SDA-Delivery";

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
		deliver(to, templates.render(template, values), deliveryId(deliveryKey, to));
		deliveries.recordSent(deliveryKey, to, ClockUtil.getCurrentTime().toInstant());
	}

	@Override
	public void send(String to, String template, Map<String, String> values) {
		deliver(to, templates.render(template, values), null);
	}

	@Override
	public void send(Email email) {
		deliver(email.to(), new MailTemplates.RenderedMail(email.subject(), email.text(), null), null);
	}

	/**
	 * @param deliveryId for an email sent once per delivery key: the same on every copy, as its {@code Message-ID}
	 * and {@code X-SDA-Delivery}, so that the copy a crash can cause is recognisably the same email
	 */
	private void deliver(String to, MailTemplates.RenderedMail mail, String deliveryId) {
		if (sender == null) {
			LOG.info("DEMO ONLY - no SMTP server is configured (spring.mail.host), so this email was not sent; in a real "
					+ "run it goes to its recipient:\nSubject: {}\n\n{}", mail.subject(), mail.text());
			return;
		}
		MimeMessage message = deliveryId == null ? sender.createMimeMessage() : withStableId(deliveryId);
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
			helper.setFrom(properties.from());
			helper.setTo(to);
			helper.setSubject(mail.subject());
			if (mail.html() == null) {
				helper.setText(mail.text());
			}
			else {
				helper.setText(mail.text(), mail.html());
			}
			if (deliveryId != null) {
				message.setHeader(DELIVERY_HEADER, deliveryId);
			}
		}
		catch (MessagingException ex) {
			// A MailException, as the mail server's refusal of a bad address was before: the job fails and retries.
			throw new MailPreparationException("Cannot build the email '" + mail.subject() + "'", ex);
		}
		sender.send(message);
		LOG.debug("Sent '{}'", mail.subject());
	}

	private MimeMessage withStableId(String deliveryId) {
		if (!(sender instanceof JavaMailSenderImpl configured)) {
			return sender.createMimeMessage();
		}
		String messageId = "<" + deliveryId + "@" + domain(properties.from()) + ">";
		return new MimeMessage(configured.getSession()) {

			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
	}

	/**
	 * A delivery's id: the SHA-256 of its key and recipient, the first 128 bits in hex; no address in the clear.
	 */
	static String deliveryId(String deliveryKey, String to) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((deliveryKey + "\n" + to).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String domain(String from) {
		try {
			String address = new InternetAddress(from).getAddress();
			return address.substring(address.indexOf('@') + 1);
		}
		catch (AddressException ex) {
			return "school-data-approvals.invalid";
		}
	}
}
