package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * No such data access request, or not the caller's to see: the two answer alike.
 */
public class AccessRequestNotFoundException extends Refusal {

	public AccessRequestNotFoundException(String requestId) {
		super(Kind.NOT_FOUND, "access-request-not-found", "Access request not found",
				"No access request " + requestId + " is yours to see.");
	}
}
