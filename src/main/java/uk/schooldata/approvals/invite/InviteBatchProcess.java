package uk.schooldata.approvals.invite;

import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.SchoolTenants;

/**
 * The {@code invite-batch} process ({@code processes/invite-batch.bpmn}): starts the {@code user-invite} instances of
 * a recorded batch, {@code app.invite.start-chunk-size} per job, so a whole school's invitations are visible in
 * Cockpit, retried chunk by chunk, and shared by every node's job executor. Business key: the batch id.
 */
@Component("inviteBatchProcess")
public class InviteBatchProcess {

	public static final String KEY = "invite-batch";

	public static final String START_INVITES = "Task_StartInvites";

	/** The multi-instance element variable: which chunk of the batch a job starts, from 0. */
	public static final String CHUNK = "chunk";

	public static final String SCHOOL_URN = SchoolTenants.SCHOOL_URN;

	private final RuntimeService runtimeService;

	private final Invites invites;

	private final int chunkSize;

	InviteBatchProcess(RuntimeService runtimeService, Invites invites, InviteProperties properties) {
		this.runtimeService = runtimeService;
		this.invites = invites;
		this.chunkSize = properties.startChunkSize();
	}

	/**
	 * Starts the batch's instance and binds the batch to it. Its first step is asynchronous: nothing runs before the
	 * binding is in place and the request's transaction has committed.
	 */
	void start(String batchId, String schoolUrn) {
		String instance = runtimeService
			.startProcessInstanceByKey(KEY, batchId, Variables.createVariables().putValue(SCHOOL_URN, schoolUrn))
			.getId();
		invites.bindBatch(batchId, instance);
	}

	/**
	 * The chunks of the batch bound to the instance, read by the multi-instance task as
	 * {@code ${inviteBatchProcess.chunks(execution)}}.
	 */
	public List<Integer> chunks(DelegateExecution execution) {
		int invited = invites.countInBatch(invites.batchBoundTo(execution.getProcessInstanceId()));
		return IntStream.range(0, (invited + chunkSize - 1) / chunkSize).boxed().toList();
	}

	int chunkSize() {
		return chunkSize;
	}
}
