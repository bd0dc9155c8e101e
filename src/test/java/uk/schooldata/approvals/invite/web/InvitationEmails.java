package uk.schooldata.approvals.invite.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.base.GreenMailOperations;

/**
 * The invitation link as the invitee receives it: from the newest email GreenMail holds for their address.
 */
final class InvitationEmails {

	static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/invitations/([A-Za-z0-9_-]{43})");

	private InvitationEmails() {
	}

	/**
	 * The link in the newest email to this address, or {@code null} while none has arrived.
	 */
	static String linkSentTo(GreenMailOperations smtp, String address) throws Exception {
		Matcher link = newest(smtp, address);
		return link == null ? null : link.group();
	}

	/**
	 * The token in that link, or {@code null}.
	 */
	static String tokenSentTo(GreenMailOperations smtp, String address) throws Exception {
		Matcher link = newest(smtp, address);
		return link == null ? null : link.group(1);
	}

	/**
	 * Whether the token is on record: the email goes out inside the transaction that records it, so a fast reader can
	 * see the email a moment before the token is committed.
	 */
	static boolean isIssued(JdbcClient jdbc, String tokenOrLink) {
		String token = tokenOrLink.substring(tokenOrLink.lastIndexOf('/') + 1);
		try {
			String hash = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
			return jdbc.sql("select count(*) from invite_token where token_hash = :hash").param("hash", hash)
				.query(Long.class).single() == 1;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Matcher newest(GreenMailOperations smtp, String address) throws Exception {
		MimeMessage[] messages = smtp.getReceivedMessagesForDomain(address);
		if (messages.length == 0) {
			return null;
		}
		String text = plainText(messages[messages.length - 1]);
		Matcher matcher = LINK.matcher(text == null ? "" : text);
		return matcher.find() ? matcher : null;
	}

	private static String plainText(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = plainText(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}
}
