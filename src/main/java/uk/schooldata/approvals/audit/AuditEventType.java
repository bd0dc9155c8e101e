package uk.schooldata.approvals.audit;

/**
 * What happened, in the audit timeline ({@code GET /api/audit/events}).
 */
public enum AuditEventType {

	SCHOOL_ONBOARDED("School onboarded"),
	ONBOARDING_CANCELLED("Onboarding cancelled"),
	REQUEST_SUBMITTED("Data access request submitted"),
	/** The first administrator's decision, scope by scope, approving at least one. */
	REQUEST_REVIEWED("Data access request reviewed"),
	/** The first administrator declined every scope. */
	REQUEST_DECLINED("Data access request declined"),
	SPECIAL_CATEGORY_CONFIRMED("Special-category scopes confirmed by a second administrator"),
	SPECIAL_CATEGORY_REFUSED("Special-category scopes refused by a second administrator"),
	SCOPES_GRANTED("Scopes granted"),
	REQUEST_EXPIRED("Data access request expired"),
	REQUEST_WITHDRAWN("Data access request withdrawn"),
	REQUEST_SUPERSEDED("Data access request superseded"),
	/** Includes the scopes revoked with it because they need a revoked one. */
	GRANT_REVOKED("Grant revoked"),
	INVITE_SENT("Invitation sent"),
	INVITE_RESENT("Invitation sent again"),
	INVITE_REMINDER_SENT("Invitation reminder sent"),
	INVITE_CANCELLED("Invitation cancelled"),
	INVITE_EXPIRED("Invitation expired"),
	INVITE_FAILED("Invitation could not be sent"),
	INVITE_ACCEPTED("Invitation accepted"),
	PERMISSIONS_ASSIGNED("Permissions assigned"),
	INCIDENT_OPENED("Incident opened"),
	INCIDENT_RESOLVED("Incident resolved");

	private final String description;

	AuditEventType(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}
}
