package uk.schooldata.approvals.apps;

/**
 * An app's two secrets, as handed out once at registration.
 *
 * @param apiSecret the app's HTTP Basic password; stored only as a salted hash
 * @param webhookSecret the key of the HMAC-SHA256 signature on every webhook to the app; stored as it is, because
 * signing needs it
 */
public record AppSecrets(String apiSecret, String webhookSecret) {

	/**
	 * Leaves both secrets out, so that a value written to a log does not give them away.
	 */
	@Override
	public String toString() {
		return "AppSecrets[(hidden)]";
	}
}
