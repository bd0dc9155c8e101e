package uk.schooldata.approvals.invite;

import uk.schooldata.approvals.web.Refusal;

/**
 * Reinviting an invite that is accepted, active or cancelled, or cancelling an active one.
 */
public class InviteClosedException extends Refusal {

	public InviteClosedException(String detail) {
		super(Kind.CONFLICT, "invite-closed", "Invite closed", detail);
	}
}
