package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the approved scopes in force. Scopes the app held before stay as they are.
 */
@Component
class RecordGrantsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RecordGrantsDelegate.class);

	private final AccessRequests requests;

	private final Grants grants;

	RecordGrantsDelegate(AccessRequests requests, Grants grants) {
		this.requests = requests;
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.findById(DataAccessRequestProcess.requestId(execution)).orElseThrow();
		String grantedBy = request.confirmedBy() == null ? request.decidedBy()
				: request.decidedBy() + " and " + request.confirmedBy();
		for (String scope : request.approvedScopes()) {
			grants.grant(request.schoolUrn(), request.appId(), scope, request.id(), grantedBy,
					request.confirmedAt() != null ? request.confirmedAt() : request.decidedAt());
		}
		LOG.info("Request {}: {} scopes granted to app {} by school {}", request.id(), request.approvedScopes().size(),
				request.appId(), request.schoolUrn());
	}
}
