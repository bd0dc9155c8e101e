package uk.schooldata.approvals.invite;

import org.springframework.stereotype.Component;

/**
 * The invitation was not accepted in time.
 */
@Component
class ExpireInviteDelegate extends InviteStatusDelegate {

	ExpireInviteDelegate(Invites invites) {
		super(invites, InviteStatus.EXPIRED);
	}
}
