package uk.schooldata.approvals.invite;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the account the permissions the administrator assigned; the invite is {@code ACTIVE}.
 */
@Component
class RecordPermissionsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RecordPermissionsDelegate.class);

	private final Invites invites;

	RecordPermissionsDelegate(Invites invites) {
		this.invites = invites;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String inviteId = UserInviteProcess.inviteId(execution);
		var permissions = AssignPermissionsListener.permissions(execution.getVariable(UserInviteProcess.PERMISSIONS));
		invites.recordPermissions(inviteId, permissions, (String) execution.getVariable(UserInviteProcess.PERMISSIONS_BY));
		LOG.info("Invite {}: active with {}", inviteId, permissions);
	}
}
