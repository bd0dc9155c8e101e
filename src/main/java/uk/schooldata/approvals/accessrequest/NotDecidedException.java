package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * A receipt asked for a request the school has not decided: still open, or ended without a decision.
 */
public class NotDecidedException extends Refusal {

	public NotDecidedException(String requestId, AccessRequestStatus status) {
		super(Kind.CONFLICT, "not-decided", "Not decided", "Request " + requestId + " is " + status + (status.isOpen()
				? ": the school has not decided it yet, so there is no receipt until it does."
				: ": it ended without a decision by the school, so there is no receipt."));
	}
}
