package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.workflow.DecisionRefusals;

/**
 * Who is deciding a task, and whether they may: the signed-in user (Tasklist, {@code /engine-rest}), or else the
 * task's assignee; always an administrator of the request's school.
 */
@Component
class Deciders {

	private final SchoolIdentities schoolIdentities;

	Deciders(SchoolIdentities schoolIdentities) {
		this.schoolIdentities = schoolIdentities;
	}

	/**
	 * @param request the request bound to the task's instance: its school, never a variable's, decides who may
	 */
	String administratorDeciding(DelegateTask task, AccessRequest request) {
		return schoolIdentities.administratorDeciding(task, request.schoolUrn(), DataAccessRequestProcess.DECISION);
	}

	/**
	 * A refusal Tasklist shows next to the form, and Camunda's REST API answers with {@code 400}.
	 */
	static FormFieldValidationException refusal(String field, String message) {
		return DecisionRefusals.refuse(field, message);
	}
}
