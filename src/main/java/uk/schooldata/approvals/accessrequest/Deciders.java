package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Who is deciding a task, and whether they may: the signed-in user (Tasklist, {@code /engine-rest}), or else the
 * task's assignee; always an administrator of the request's school.
 */
@Component
class Deciders {

	private final IdentityService identityService;

	private final SchoolIdentities schoolIdentities;

	Deciders(IdentityService identityService, SchoolIdentities schoolIdentities) {
		this.identityService = identityService;
		this.schoolIdentities = schoolIdentities;
	}

	String administratorDeciding(DelegateTask task) {
		Authentication authentication = identityService.getCurrentAuthentication();
		String userId = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
				: task.getAssignee();
		String urn = DataAccessRequestProcess.schoolUrn(task);
		if (userId == null) {
			throw refusal("decision", "Claim the task before completing it, so the decision is yours on record.");
		}
		if (!schoolIdentities.isAdministrator(userId, urn)) {
			throw refusal("decision", "Only an administrator of school " + urn + " may decide this request.");
		}
		return userId;
	}

	/**
	 * A refusal Tasklist shows next to the form, and Camunda's REST API answers with {@code 400}.
	 */
	static FormFieldValidationException refusal(String field, String message) {
		return new FormFieldValidationException(field, message);
	}
}
