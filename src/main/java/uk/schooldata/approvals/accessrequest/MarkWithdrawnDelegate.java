package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The app took its request back before the school decided.
 */
@Component
class MarkWithdrawnDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(MarkWithdrawnDelegate.class);

	private final AccessRequests requests;

	MarkWithdrawnDelegate(AccessRequests requests) {
		this.requests = requests;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		if (!requests.close(request.id(), AccessRequestStatus.WITHDRAWN, null,
				ClockUtil.getCurrentTime().toInstant())) {
			throw new DecisionNotOnRecordException(request, "it is " + request.status() + ", no longer open");
		}
		LOG.info("Request {} withdrawn by the app", request.id());
	}
}
