package uk.schooldata.approvals.invite;

import uk.schooldata.approvals.web.Refusal;

/**
 * A token that has expired, was cancelled, used, or replaced.
 */
public class InvitationGoneException extends Refusal {

	public InvitationGoneException(String why) {
		super(Kind.GONE, "invitation-gone", "Invitation no longer valid",
				"This invitation " + why + ". Ask your school to send it again.");
	}
}
