package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		if (!requests.close(request.id(), AccessRequestStatus.EXPIRED, null,
				ClockUtil.getCurrentTime().toInstant())) {
			throw new DecisionNotOnRecordException(request, "it is " + request.status() + ", no longer open");
		}
		LOG.info("Request {} expired undecided", request.id());
	}
}
