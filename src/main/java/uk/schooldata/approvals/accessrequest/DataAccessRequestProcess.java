package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.ProcessVariables;
import uk.schooldata.approvals.workflow.SchoolTenants;

/**
 * The {@code data-access-request} process ({@code processes/data-access-request.bpmn}): key, element ids, messages,
 * variables, and the one way to start it. The business key is the request id.
 */
@Component
public class DataAccessRequestProcess {

	public static final String KEY = "data-access-request";

	public static final String PREPARE_REVIEW = "Task_PrepareReview";
	public static final String FIX_MIS_PERMISSIONS = "Task_FixMisPermissions";
	public static final String RECHECK_MIS_TAP = "Task_RecheckMisTap";
	public static final String MIS_TAP_OPENED = "EndEvent_MisFixed";
	public static final String DECIDE = "SubProcess_Decide";
	public static final String REVIEW = "Task_ReviewRequest";
	public static final String CONFIRM_SPECIAL_CATEGORY = "Task_ConfirmSpecialCategory";
	public static final String FIRST_REMINDER_DUE = "BoundaryEvent_FirstReminder";
	public static final String SECOND_REMINDER_DUE = "BoundaryEvent_SecondReminder";
	public static final String DEADLINE_PASSED = "BoundaryEvent_Expired";
	public static final String REMIND_ADMINISTRATORS = "Task_RemindAdministrators";
	public static final String RECORD_GRANTS = "Task_RecordGrants";
	public static final String EMAIL_APPROVAL_RECEIPT = "Task_EmailApprovalReceipt";
	public static final String EXPIRE_REQUEST = "Task_ExpireRequest";
	public static final String MARK_WITHDRAWN = "Task_MarkWithdrawn";
	public static final String NOTIFY_APP = "Task_NotifyApp";
	public static final String REQUEST_CLOSED = "EndEvent_RequestClosed";
	public static final String REQUEST_SUPERSEDED = "EndEvent_RequestSuperseded";

	public static final String MESSAGE_WITHDRAWN = "AccessRequestWithdrawn";
	public static final String MESSAGE_SUPERSEDED = "AccessRequestSuperseded";

	public static final String REQUEST_ID = "requestId";
	public static final String APP_ID = "appId";
	public static final String SCHOOL_URN = SchoolTenants.SCHOOL_URN;
	public static final String PURPOSE = "purpose";
	public static final String SCOPES = "scopes";
	public static final String MIS_TAP_OPEN = "misTapOpen";
	public static final String MISSING_MIS_GROUPS = "missingMisGroups";
	public static final String APP_NAME = "appName";

	/** For display: the school's name, a column of Tasklist's task list. */
	public static final String SCHOOL_NAME = "schoolName";
	/** The requested scopes as rows for the review form's table, shown as plain text. */
	public static final String SCOPE_ROWS = "scopeRows";
	/** Why the MIS tap is closed, in words; empty while it is open. */
	public static final String MIS_TAP_NOTE = "misTapNote";
	public static final String SCOPE_OPTIONS = "scopeOptions";
	/** The special-category scopes the reviewer approved, as rows for the confirmation form's table. */
	public static final String SPECIAL_SCOPE_ROWS = "specialScopeRows";
	/** The reviewer's decision: {@link Decision}. */
	public static final String DECISION = "decision";
	public static final String APPROVED_SCOPES = "approvedScopes";
	public static final String DECLINE_REASON = "declineReason";
	/** The second administrator's answer: {@link Confirmation}. */
	public static final String CONFIRMATION = "confirmation";
	public static final String CONFIRMATION_NOTE = "confirmationNote";
	/** Who reviewed, for the confirmation form to show; the request's row is the record. */
	public static final String REVIEWED_BY = "reviewedBy";
	/** Where the decision leaves the request: {@link Outcome}. */
	public static final String OUTCOME = "outcome";

	public enum Decision {
		APPROVE, DECLINE
	}

	public enum Confirmation {
		CONFIRM, REFUSE
	}

	public enum Outcome {
		APPROVED, NEEDS_CONFIRMATION, DECLINED
	}

	private final RuntimeService runtimeService;

	private final AccessRequests requests;

	DataAccessRequestProcess(RuntimeService runtimeService, AccessRequests requests) {
		this.runtimeService = runtimeService;
		this.requests = requests;
	}

	/**
	 * Starts the process for a request already recorded by {@link AccessRequestService}.
	 */
	void start(AccessRequest request) {
		runtimeService.startProcessInstanceByKey(KEY, request.id(), Variables.createVariables()
			.putValue(REQUEST_ID, request.id())
			.putValue(APP_ID, request.appId())
			.putValue(SCHOOL_URN, request.schoolUrn()));
	}

	void withdraw(AccessRequest request) {
		correlate(MESSAGE_WITHDRAWN, request);
	}

	void supersede(AccessRequest request) {
		correlate(MESSAGE_SUPERSEDED, request);
	}

	/**
	 * To the instance bound to the request, never to whatever else carries its id as business key.
	 */
	private void correlate(String message, AccessRequest request) {
		requests.instanceOf(request.id())
			.ifPresent(instance -> runtimeService.createMessageCorrelation(message)
				.processInstanceId(instance)
				.correlateAll());
	}

	static List<String> strings(Object value) {
		return ProcessVariables.strings(value);
	}

	static Object json(Object value) {
		return Spin.JSON(value);
	}

	static Map<String, Object> option(String label, String value) {
		return Map.of("label", label, "value", value);
	}
}
