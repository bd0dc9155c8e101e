package uk.schooldata.approvals.invite;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Emails the invitation, or with the local input {@value UserInviteProcess#REMINDER} {@code true} the reminder.
 */
@Component
class EmailInvitationDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(EmailInvitationDelegate.class);

	private final InvitationMailer invitationMailer;

	private final Invites invites;

	EmailInvitationDelegate(InvitationMailer invitationMailer, Invites invites) {
		this.invitationMailer = invitationMailer;
		this.invites = invites;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean reminder = Boolean.TRUE.equals(execution.getVariableLocal(UserInviteProcess.REMINDER));
		String inviteId = invites.boundTo(execution.getProcessInstanceId()).id();
		if (invitationMailer.send(inviteId, reminder)) {
			LOG.info("Invite {}: {} sent", inviteId, reminder ? "reminder" : "invitation");
		}
	}
}
