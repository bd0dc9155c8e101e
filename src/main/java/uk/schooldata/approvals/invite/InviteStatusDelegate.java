package uk.schooldata.approvals.invite;

import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how an invite ended without becoming active; its token stops working.
 */
abstract class InviteStatusDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(InviteStatusDelegate.class);

	private final Invites invites;

	private final InviteStatus status;

	InviteStatusDelegate(Invites invites, InviteStatus status) {
		this.invites = invites;
		this.status = status;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String inviteId = invites.boundTo(execution.getProcessInstanceId()).id();
		invites.changeStatus(inviteId, EnumSet.of(InviteStatus.PENDING, InviteStatus.SENT), status, null,
				ClockUtil.getCurrentTime().toInstant());
		LOG.info("Invite {}: {}", inviteId, status);
	}
}
