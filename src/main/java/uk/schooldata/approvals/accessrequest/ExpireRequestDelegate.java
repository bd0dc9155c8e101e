package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nobody decided before the deadline: the request is {@code EXPIRED} and nothing is granted.
 */
@Component
class ExpireRequestDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(ExpireRequestDelegate.class);

	private final AccessRequests requests;

	ExpireRequestDelegate(AccessRequests requests) {
		this.requests = requests;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String requestId = DataAccessRequestProcess.requestId(execution);
		requests.close(requestId, AccessRequestStatus.EXPIRED, null);
		LOG.info("Request {} expired undecided", requestId);
	}
}
