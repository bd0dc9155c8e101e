package uk.schooldata.approvals.invite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Invitation tokens: 256 bits, base64url in the link; only their SHA-256 (hex) is stored. A token is the HMAC-SHA256,
 * under a secret key ({@code app.invite.link-key}), of the invite's id and the number of this issue of a link for it.
 * Whoever lacks the key cannot make one, as with random bits; but the send of one issue, retried after a failure or
 * repeated by another node after a crash, makes the same token, so every copy of the email the invitee receives
 * carries a link that works.
 */
final class InviteTokens {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private InviteTokens() {
	}

	/**
	 * @param issue which issue of a link for this invite, from 1: the invitation, then each reminder or new invitation
	 */
	static String token(String key, String inviteId, int issue) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
			byte[] token = mac.doFinal((inviteId + ":" + issue).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
