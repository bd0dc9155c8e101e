package uk.schooldata.approvals.accessrequest;

import java.util.List;

/**
 * What a decision makes of a request: its new status, each scope's decision, and why, where it says no.
 *
 * @param reason why the request (or its special-category scopes) was declined; {@code null} when nothing was
 * @param specialScopesApproved the special-category scopes a second administrator now has to confirm
 */
record Decided(AccessRequestStatus status, List<RequestedScope> scopes, String reason,
		List<String> specialScopesApproved) {

	Decided {
		scopes = List.copyOf(scopes);
		specialScopesApproved = List.copyOf(specialScopesApproved);
	}

	boolean needsConfirmation() {
		return status == AccessRequestStatus.AWAITING_SECOND_APPROVAL;
	}
}
