package uk.schooldata.approvals.accessrequest;

/**
 * A step of a data access request was asked to act on a decision its row does not record: a process instance
 * started at an inner activity, moved there, or run twice. The step does nothing; the job becomes an incident that
 * says why.
 */
class DecisionNotOnRecordException extends IllegalStateException {

	DecisionNotOnRecordException(AccessRequest request, String why) {
		super("Request " + request.id() + " cannot take this step: " + why + ".");
	}

	DecisionNotOnRecordException(String message) {
		super(message);
	}
}
