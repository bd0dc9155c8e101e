package uk.schooldata.approvals.invite;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The account has the permissions an administrator assigned (recorded on the invite when they completed Assign
 * permissions): the invite is {@code ACTIVE}.
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
		Invite invite = invites.boundTo(execution.getProcessInstanceId());
		if (!invites.activate(invite.id(), ClockUtil.getCurrentTime().toInstant())) {
			throw new IllegalStateException("Invite " + invite.id() + " cannot become active: it is " + invite.status()
					+ (invite.permissionsBy() == null ? " and no administrator assigned permissions" : ""));
		}
		LOG.info("Invite {}: active with {}", invite.id(), invite.permissions());
	}
}
