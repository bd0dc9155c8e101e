package uk.schooldata.approvals.audit;

/**
 * The decisions the record keeps: each one opened or closed a tap, or gave a person access.
 */
public enum DecisionKind {

	/** A school administrator reviewed an access request: which scopes they approved, or that they declined it. */
	REVIEWED,

	/** A second administrator confirmed the special-category scopes the reviewer approved. */
	CONFIRMED,

	/** A second administrator refused the special-category scopes the reviewer approved. */
	REFUSED,

	/** A scope was put in force for an app. */
	GRANTED,

	/** Scopes in force were revoked, with the scopes that needed them. */
	REVOKED,

	/** An administrator assigned permissions to an account that accepted an invitation. */
	PERMISSIONS_ASSIGNED
}
