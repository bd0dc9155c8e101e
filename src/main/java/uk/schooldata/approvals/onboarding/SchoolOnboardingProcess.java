package uk.schooldata.approvals.onboarding;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.workflow.SchoolTenants;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.web.Refusal;

/**
 * The {@code school-onboarding} process ({@code processes/school-onboarding.bpmn}): its key, element ids, variables
 * and the one way to start it. The business key is the school's URN.
 */
@Component("schoolOnboardingProcess")
public class SchoolOnboardingProcess {

	public static final String KEY = "school-onboarding";

	public static final String START_EVENT = "StartEvent_OnboardingRequested";
	public static final String SET_UP_MIS_ACCESS = "SubProcess_SetUpMisAccess";
	public static final String CREATE_MIS_USER = "Task_CreateMisUser";
	public static final String ADD_MIS_PERMISSION_GROUP = "Task_AddMisPermissionGroup";
	public static final String CONFIRM_MIS_GROUPS = "Task_ConfirmMisGroups";
	public static final String RESOLVE_ONBOARDING_PROBLEM = "Task_ResolveOnboardingProblem";
	public static final String CANCEL_ONBOARDING = "Task_CancelOnboarding";
	public static final String CREATE_SCHOOL_ACCESS = "Task_CreateSchoolAccess";
	public static final String EMAIL_SCHOOL = "Task_EmailSchool";
	public static final String ACTIVATE_SCHOOL = "Task_ActivateSchool";
	public static final String SCHOOL_ONBOARDED = "EndEvent_SchoolOnboarded";
	public static final String ONBOARDING_CANCELLED = "EndEvent_OnboardingCancelled";

	/** Error codes the model catches around the MIS set-up. */
	static final String ERROR_MIS_UNKNOWN_SCHOOL = "MIS_UNKNOWN_SCHOOL";
	static final String ERROR_MIS_FORBIDDEN = "MIS_FORBIDDEN";
	static final String ERROR_MIS_GROUPS_NOT_CONFIRMED = "MIS_GROUPS_NOT_CONFIRMED";

	public static final String URN = SchoolTenants.SCHOOL_URN;
	public static final String SCHOOL_NAME = "schoolName";
	public static final String CONTACT_EMAIL = "contactEmail";
	public static final String USES_SCHOOL_BOOKING = "usesSchoolBooking";
	public static final String MIS_USER_ID = "misUserId";
	public static final String MIS_PERMISSION_GROUP = "misPermissionGroup";
	public static final String PROBLEM_CODE = "onboardingProblemCode";
	public static final String PROBLEM = "onboardingProblem";
	public static final String RESOLUTION = "resolution";
	public static final String FIRST_ADMINISTRATOR = "firstAdministrator";

	/** What a platform operator decides in the Resolve onboarding problem task. */
	public enum Resolution {
		RETRY, CANCEL
	}

	private final RuntimeService runtimeService;

	SchoolOnboardingProcess(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
	}

	/**
	 * Starts onboarding. The process's start listener records the school in the same transaction, so a refused start
	 * leaves neither an instance nor a school behind.
	 */
	public ProcessInstance start(SchoolRegistration registration) {
		Map<String, Object> variables = Variables.createVariables()
			.putValue(URN, registration.urn())
			.putValue(SCHOOL_NAME, registration.name())
			.putValue(CONTACT_EMAIL, registration.contactEmail())
			.putValue(USES_SCHOOL_BOOKING, registration.usesSchoolBooking());
		try {
			return runtimeService.startProcessInstanceByKey(KEY, registration.urn(), variables);
		}
		catch (ProcessEngineException ex) {
			throw refusalIn(ex).orElseThrow(() -> ex);
		}
	}

	/**
	 * The MIS permission groups the platform's user needs in a school: Cover Manager only with SchoolBooking. The
	 * multi-instance task that adds them reads this list as {@code ${schoolOnboardingProcess.permissionGroups(...)}}.
	 */
	public List<String> permissionGroups(boolean usesSchoolBooking) {
		return requiredGroups(usesSchoolBooking).stream().map(MisPermissionGroup::misName).toList();
	}

	static List<MisPermissionGroup> requiredGroups(boolean usesSchoolBooking) {
		return List.of(MisPermissionGroup.values())
			.stream()
			.filter(group -> usesSchoolBooking || group != MisPermissionGroup.COVER_MANAGER)
			.toList();
	}

	static MisPermissionGroup misPermissionGroup(VariableScope scope) {
		String misName = (String) scope.getVariable(MIS_PERMISSION_GROUP);
		return MisPermissionGroup.fromMisName(misName)
			.orElseThrow(() -> new IllegalStateException("Unknown MIS permission group " + misName));
	}

	private static Optional<RuntimeException> refusalIn(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Refusal || cause instanceof InvalidRequestException) {
				return Optional.of((RuntimeException) cause);
			}
		}
		return Optional.empty();
	}
}
