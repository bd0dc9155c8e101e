package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * Two submissions of one app to one school (or with one idempotency key) at the same instant: one wins.
 */
public class SimultaneousSubmissionException extends Refusal {

	public SimultaneousSubmissionException(String appId, String schoolUrn) {
		super(Kind.CONFLICT, "simultaneous-submission", "Simultaneous submission",
				"Another request from app " + appId + " to school " + schoolUrn + " was submitted at the same moment and"
						+ " was taken instead. Ask again to see it: the same Idempotency-Key returns it, and a new request"
						+ " replaces it.");
	}
}
