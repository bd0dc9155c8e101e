package uk.schooldata.approvals.invite;

import uk.schooldata.approvals.web.Refusal;

/**
 * A token that was never issued.
 */
public class InvitationNotFoundException extends Refusal {

	public InvitationNotFoundException() {
		super(Kind.NOT_FOUND, "invitation-not-found", "Invitation not found", "No invitation has this token.");
	}
}
