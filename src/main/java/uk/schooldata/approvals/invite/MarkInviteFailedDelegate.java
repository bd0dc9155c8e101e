package uk.schooldata.approvals.invite;

import org.springframework.stereotype.Component;

/**
 * The MIS no longer lets the invitation be sent (no email address, or no such person): the invite fails, visibly,
 * and can be sent again once the MIS is corrected.
 */
@Component
class MarkInviteFailedDelegate extends InviteStatusDelegate {

	MarkInviteFailedDelegate(Invites invites) {
		super(invites, InviteStatus.FAILED);
	}
}
