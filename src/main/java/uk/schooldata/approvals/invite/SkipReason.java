package uk.schooldata.approvals.invite;

/**
 * Why a person asked for was not invited.
 */
public enum SkipReason {
	/** The MIS has no email address for them. */
	NO_EMAIL,
	/** A contact without parental responsibility for the students named. */
	NO_PARENTAL_RESPONSIBILITY,
	/** A contact under a court order: the school must not contact them about the students. */
	COURT_ORDER,
	/** An invite to them is pending or sent already. */
	ALREADY_INVITED,
	/** They have accepted an invite already. */
	ALREADY_ACTIVE,
	/** The MIS has no such person in the source group. */
	UNKNOWN_PERSON
}
