package uk.schooldata.approvals.invite;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.ProcessVariables;
import uk.schooldata.approvals.workflow.SchoolTenants;

/**
 * The {@code user-invite} process ({@code processes/user-invite.bpmn}): key, element ids, messages, variables, and
 * the one way to start it. The business key is the invite id; a reinvite after expiry starts a new instance with the
 * same key.
 */
@Component
public class UserInviteProcess {

	public static final String KEY = "user-invite";

	public static final String SEND_INVITATION = "Task_SendInvitation";
	public static final String AWAIT_ANSWER = "Task_AwaitAnswer";
	public static final String REMINDER_DUE = "BoundaryEvent_ReminderDue";
	public static final String INVITATION_EXPIRED = "BoundaryEvent_InvitationExpired";
	public static final String SEND_REMINDER = "Task_SendReminder";
	public static final String ASSIGN_PERMISSIONS = "Task_AssignPermissions";
	public static final String ACTIVE = "EndEvent_Active";
	public static final String EXPIRED = "EndEvent_Expired";
	public static final String CANCELLED = "EndEvent_Cancelled";
	public static final String FAILED = "EndEvent_Failed";

	public static final String MESSAGE_ACCEPTED = "InviteAccepted";
	public static final String MESSAGE_REINVITE = "ReinviteRequested";
	public static final String MESSAGE_CANCELLED = "InviteCancelled";

	/** The BPMN error a send raises when the MIS no longer has an email address for the person, or the person. */
	public static final String ERROR_UNREACHABLE = "INVITEE_UNREACHABLE";

	public static final String INVITE_ID = "inviteId";
	public static final String SCHOOL_URN = SchoolTenants.SCHOOL_URN;
	public static final String SOURCE_GROUP = "sourceGroup";
	public static final String INVITEE_NAME = "inviteeName";

	/** For display: the school's name, a column of Tasklist's task list. */
	public static final String SCHOOL_NAME = "schoolName";

	/** For the form: the permissions that fit the invitee, as options ({@code label}, {@code value}). */
	public static final String PERMISSION_OPTIONS = "permissionOptions";
	public static final String FITTING_PERMISSIONS = "fittingPermissions";
	/** The administrator's choice in Assign permissions: a checklist, so a JSON array of {@link Permission} names. */
	public static final String PERMISSIONS = "permissions";
	public static final String PERMISSIONS_BY = "permissionsBy";
	/** Local input of the email task: whether it sends the reminder rather than the invitation. */
	public static final String REMINDER = "reminder";

	private final RuntimeService runtimeService;

	private final Invites invites;

	UserInviteProcess(RuntimeService runtimeService, Invites invites) {
		this.runtimeService = runtimeService;
		this.invites = invites;
	}

	/**
	 * Starts the invite's instance and binds the invite to it. The first step is asynchronous, so nothing runs before
	 * the binding is in place.
	 */
	void start(Invite invite) {
		String instance = runtimeService.startProcessInstanceByKey(KEY, invite.id(), Variables.createVariables()
			.putValue(INVITE_ID, invite.id())
			.putValue(SCHOOL_URN, invite.schoolUrn())
			.putValue(SOURCE_GROUP, invite.sourceGroup().name())
			.putValue(INVITEE_NAME, invite.displayName())
			.putValue(FITTING_PERMISSIONS, String.join(", ",
					invite.sourceGroup().fittingPermissions().stream().map(Enum::name).toList())))
			.getId();
		invites.bind(invite.id(), instance);
	}

	void accepted(String inviteId) {
		correlate(MESSAGE_ACCEPTED, inviteId);
	}

	void reinvite(String inviteId) {
		correlate(MESSAGE_REINVITE, inviteId);
	}

	void cancel(String inviteId) {
		correlate(MESSAGE_CANCELLED, inviteId);
	}

	/**
	 * To the instance bound to the invite, never to whatever else carries its id as business key.
	 */
	private void correlate(String message, String inviteId) {
		invites.instanceOf(inviteId)
			.ifPresent(instance -> runtimeService.createMessageCorrelation(message)
				.processInstanceId(instance)
				.correlateAll());
	}

	static List<String> strings(Object value) {
		return ProcessVariables.strings(value);
	}
}
