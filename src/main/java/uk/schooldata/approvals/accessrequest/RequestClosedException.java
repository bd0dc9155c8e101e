package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * Withdrawing a request the school has decided, or that has ended otherwise.
 */
public class RequestClosedException extends Refusal {

	public RequestClosedException(String requestId, AccessRequestStatus status) {
		super(Kind.CONFLICT, "request-closed", "Request closed",
				"Request " + requestId + " is " + status + " and can no longer be withdrawn.");
	}
}
