package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Binds a new {@code grant-revocation} instance to the revocation recorded for it (its business key), once; its
 * delegates then read the revocation bound to their instance.
 */
@Component
class BindRevocationListener implements ExecutionListener {

	private final GrantRevocations revocations;

	BindRevocationListener(GrantRevocations revocations) {
		this.revocations = revocations;
	}

	@Override
	public void notify(DelegateExecution execution) {
		if (!revocations.bind(execution.getProcessBusinessKey(), execution.getProcessInstanceId())) {
			throw new DecisionNotOnRecordException("Revocation " + execution.getProcessBusinessKey()
					+ " does not exist or has a process instance already.");
		}
	}
}
