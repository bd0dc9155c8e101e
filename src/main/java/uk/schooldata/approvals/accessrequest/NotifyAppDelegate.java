package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.apps.WebhookTarget;
import uk.schooldata.approvals.notification.Webhooks;

/**
 * Tells the app how its request ended (approved, partially approved, declined, expired or withdrawn) with a signed
 * webhook. A failed delivery throws, so the job is retried and then becomes an incident: never a lost notification.
 */
@Component
class NotifyAppDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(NotifyAppDelegate.class);

	private final AccessRequests requests;

	private final Apps apps;

	private final Webhooks webhooks;

	NotifyAppDelegate(AccessRequests requests, Apps apps, Webhooks webhooks) {
		this.requests = requests;
		this.apps = apps;
		this.webhooks = webhooks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		if (request.status().isOpen()) {
			throw new DecisionNotOnRecordException(request, "it is still " + request.status());
		}
		WebhookTarget target = apps.webhookTarget(request.appId());
		String event = "access-request." + request.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
		webhooks.send(target.url(), target.secret(), event, request.id() + ":" + request.status(),
				AccessRequestClosed.of(request));
		LOG.info("Request {}: app {} told '{}'", request.id(), request.appId(), event);
	}

	/**
	 * The webhook's body.
	 */
	record AccessRequestClosed(String requestId, String schoolUrn, AccessRequestStatus status,
			List<String> approvedScopes, List<String> declinedScopes, Instant decidedAt, String reason) {

		static AccessRequestClosed of(AccessRequest request) {
			return new AccessRequestClosed(request.id(), request.schoolUrn(), request.status(), request.approvedScopes(),
					request.scopes()
						.stream()
						.filter(scope -> scope.decision() == RequestedScope.Decision.DECLINED)
						.map(RequestedScope::name)
						.toList(),
					request.confirmedAt() != null ? request.confirmedAt() : request.decidedAt(), request.decisionReason());
		}
	}
}
