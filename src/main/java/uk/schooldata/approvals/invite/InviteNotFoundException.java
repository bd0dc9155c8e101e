package uk.schooldata.approvals.invite;

import uk.schooldata.approvals.web.Refusal;

/**
 * No such invite, or not the caller's school's: the two answer alike.
 */
public class InviteNotFoundException extends Refusal {

	public InviteNotFoundException(String inviteId) {
		super(Kind.NOT_FOUND, "invite-not-found", "Invite not found", "No invite " + inviteId + ".");
	}
}
