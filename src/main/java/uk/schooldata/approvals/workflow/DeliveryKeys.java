package uk.schooldata.approvals.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * A key for what one step of one process instance sends, the same on every retry of the step's job and different for
 * each time the process passes through the step (the first and the second reminder): the id of the execution that
 * carries the token into the step. A step with input or output mappings runs in a scope of its own, created anew on
 * each attempt, so there it is the scope's parent.
 */
public final class DeliveryKeys {

	private DeliveryKeys() {
	}

	/**
	 * @param what what the step sends, as the template's name
	 */
	public static String of(DelegateExecution execution, String what) {
		ActivityExecution step = (ActivityExecution) execution;
		boolean ownScope = step.getActivity() != null && step.getActivity().isScope() && execution.getParentId() != null;
		String carrier = ownScope ? execution.getParentId() : execution.getId();
		return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + carrier + ":" + what;
	}
}
