package uk.schooldata.approvals.accessrequest;

/**
 * Where a data access request is.
 */
public enum AccessRequestStatus {

	/** Waiting for the school's review. */
	PENDING,
	/** Approved with special-category scopes; waiting for a second administrator to confirm them. */
	AWAITING_SECOND_APPROVAL,
	/** Every requested scope approved. */
	APPROVED,
	/** Some optional scopes left out; the rest approved. */
	PARTIALLY_APPROVED,
	DECLINED,
	/** Nobody decided before the deadline. */
	EXPIRED,
	/** The app took it back. */
	WITHDRAWN,
	/** A newer request from the same app to the same school replaced it. */
	SUPERSEDED;

	public boolean isOpen() {
		return this == PENDING || this == AWAITING_SECOND_APPROVAL;
	}
}
