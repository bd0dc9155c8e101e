package uk.schooldata.approvals.apps;

/**
 * What it takes to notify an app: where its webhooks go and the secret they are signed with.
 *
 * @param url the app's webhook URL
 * @param secret the app's webhook signing secret; never to be logged or shown
 */
public record WebhookTarget(String url, String secret) {

	/**
	 * Leaves the secret out, so that a target written to a log does not give it away.
	 */
	@Override
	public String toString() {
		return "WebhookTarget[url=" + url + ", secret=(hidden)]";
	}
}
