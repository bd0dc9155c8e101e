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

	private final GrantRevocations revocations;

	private final Apps apps;

	private final Webhooks webhooks;

	NotifyRevocationDelegate(GrantRevocations revocations, Apps apps, Webhooks webhooks) {
		this.revocations = revocations;
		this.apps = apps;
		this.webhooks = webhooks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Revocation revocation = revocations.boundTo(execution.getProcessInstanceId());
		if (revocation.revokedAt() == null) {
			throw new DecisionNotOnRecordException("Revocation " + revocation.id() + " has ended no grants yet.");
		}
		WebhookTarget target = apps.webhookTarget(revocation.appId());
		webhooks.send(target.url(), target.secret(), EVENT, revocation.id() + ":REVOKED",
				new GrantsRevoked(revocation.schoolUrn(), revocation.revokedScopes(), revocation.reason(),
						revocation.dependantsRevoked()));
		LOG.info("App {} told that school {} revoked scopes", revocation.appId(), revocation.schoolUrn());
	}

	/**
	 * @param revokedWith each scope in {@code revokedScopes} that was revoked because it needs another revoked scope,
	 * with that scope
	 */
	record GrantsRevoked(String schoolUrn, List<String> revokedScopes, String reason, Map<String, String> revokedWith) {
	}
}
