package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.apps.WebhookTarget;
import uk.schooldata.approvals.notification.Webhooks;

/**
 * Tells the app which of its scopes a school revoked, with a signed webhook, retried until delivered.
 */
@Component
class NotifyRevocationDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(NotifyRevocationDelegate.class);

	static final String EVENT = "grants.revoked";

	private final Apps apps;

	private final Webhooks webhooks;

	NotifyRevocationDelegate(Apps apps, Webhooks webhooks) {
		this.apps = apps;
		this.webhooks = webhooks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String appId = (String) execution.getVariable(GrantRevocationProcess.APP_ID);
		String urn = (String) execution.getVariable(GrantRevocationProcess.SCHOOL_URN);
		WebhookTarget target = apps.webhookTarget(appId);
		webhooks.send(target.url(), target.secret(), EVENT, execution.getProcessBusinessKey(),
				new GrantsRevoked(urn, GrantRevocationProcess.revokedScopes(execution),
						(String) execution.getVariable(GrantRevocationProcess.REASON),
						GrantRevocationProcess.dependantsRevoked(execution)));
		LOG.info("App {} told that school {} revoked scopes", appId, urn);
	}

	/**
	 * @param revokedWith each scope in {@code revokedScopes} that was revoked because it needs another revoked scope,
	 * with that scope
	 */
	record GrantsRevoked(String schoolUrn, List<String> revokedScopes, String reason, Map<String, String> revokedWith) {
	}
}
