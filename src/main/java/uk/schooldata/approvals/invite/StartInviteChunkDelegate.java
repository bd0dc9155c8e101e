package uk.schooldata.approvals.invite;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code user-invite} instances of one chunk of the batch bound to the instance. Each invite is claimed
 * first ({@code process_started}), so a retried chunk, or an invite started some other way meanwhile, is never
 * started twice. Each start only creates the instance and its send job; the job executor sends.
 */
@Component
class StartInviteChunkDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(StartInviteChunkDelegate.class);

	private final Invites invites;

	private final InviteBatchProcess batchProcess;

	private final UserInviteProcess inviteProcess;

	StartInviteChunkDelegate(Invites invites, InviteBatchProcess batchProcess, UserInviteProcess inviteProcess) {
		this.invites = invites;
		this.batchProcess = batchProcess;
		this.inviteProcess = inviteProcess;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String batchId = invites.batchBoundTo(execution.getProcessInstanceId());
		int chunk = execution.getVariable(InviteBatchProcess.CHUNK) instanceof Integer index ? index : -1;
		List<Invite> members = invites.chunkOfBatch(batchId, chunk, batchProcess.chunkSize());
		if (chunk < 0 || members.isEmpty()) {
			throw new IllegalStateException("Batch " + batchId + " has no chunk " + chunk + " to start");
		}
		int started = 0;
		for (Invite invite : members) {
			if (invites.claimStart(invite.id())) {
				inviteProcess.start(invite);
				started++;
			}
		}
		LOG.info("Batch {}: chunk {} started {} of its {} invitations", batchId, chunk, started, members.size());
	}
}
