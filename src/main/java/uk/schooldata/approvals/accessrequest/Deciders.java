package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.security.SchoolIdentities;

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

	String administratorDeciding(DelegateTask task) {
		return schoolIdentities.administratorDeciding(task, DataAccessRequestProcess.schoolUrn(task),
				DataAccessRequestProcess.DECISION);
	}

	/**
	 * A refusal Tasklist shows next to the form, and Camunda's REST API answers with {@code 400}.
	 */
	static FormFieldValidationException refusal(String field, String message) {
		return new FormFieldValidationException(field, message);
	}
}
