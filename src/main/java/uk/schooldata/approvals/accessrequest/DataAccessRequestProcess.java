package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
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

	public static final String CHECK_MIS_TAP = "Task_CheckMisTap";
	public static final String FIX_MIS_PERMISSIONS = "Task_FixMisPermissions";
	public static final String DECIDE = "SubProcess_Decide";
	public static final String REVIEW = "Task_ReviewRequest";
	public static final String CONFIRM_SPECIAL_CATEGORY = "Task_ConfirmSpecialCategory";
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
	public static final String SCOPE_SUMMARY = "scopeSummary";
	public static final String SCOPE_OPTIONS = "scopeOptions";
	public static final String SPECIAL_SCOPES_SUMMARY = "specialScopesSummary";
	/** The reviewer's decision: {@link Decision}. */
	public static final String DECISION = "decision";
	public static final String APPROVED_SCOPES = "approvedScopes";
	public static final String DECLINE_REASON = "declineReason";
	/** The second administrator's answer: {@link Confirmation}. */
	public static final String CONFIRMATION = "confirmation";
	public static final String CONFIRMATION_NOTE = "confirmationNote";
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

	DataAccessRequestProcess(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
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

	void withdraw(String requestId) {
		correlate(MESSAGE_WITHDRAWN, requestId);
	}

	void supersede(String requestId) {
		correlate(MESSAGE_SUPERSEDED, requestId);
	}

	private void correlate(String message, String requestId) {
		runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(requestId).correlateAll();
	}

	static String requestId(VariableScope scope) {
		return (String) scope.getVariable(REQUEST_ID);
	}

	static String schoolUrn(VariableScope scope) {
		return (String) scope.getVariable(SCHOOL_URN);
	}

	static String appId(VariableScope scope) {
		return (String) scope.getVariable(APP_ID);
	}

	static Outcome outcome(VariableScope scope) {
		return Outcome.valueOf((String) scope.getVariable(OUTCOME));
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
