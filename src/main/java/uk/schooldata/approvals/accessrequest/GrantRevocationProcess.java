package uk.schooldata.approvals.accessrequest;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.SchoolTenants;

/**
 * The {@code grant-revocation} process ({@code processes/grant-revocation.bpmn}): a school administrator revokes one
 * scope or all of an app's scopes. The grants end in the starting transaction, so data stops at once; the app is told
 * afterwards. Business key: the revocation id; the revocation's row ({@link GrantRevocations}) is the record of who
 * revoked what and why, and the variables are only for Cockpit to show.
 */
@Component
public class GrantRevocationProcess {

	public static final String KEY = "grant-revocation";

	public static final String REVOKE_GRANTS = "Task_RevokeGrants";
	public static final String NOTIFY_APP = "Task_NotifyAppOfRevocation";

	public static final String SCHOOL_URN = SchoolTenants.SCHOOL_URN;
	public static final String APP_ID = "appId";
	/** Comma-separated; empty for every scope the app holds. */
	public static final String SCOPES = "scopes";
	/** Comma-separated: the scopes that were in force and are now revoked, dependants included. */
	public static final String REVOKED_SCOPES = "revokedScopes";
	/** For the history: each scope revoked because it depends on a revoked one, as "scope (needs parent)". */
	public static final String DEPENDANTS_REVOKED = "dependantsRevoked";

	private final RuntimeService runtimeService;

	GrantRevocationProcess(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
	}

	/**
	 * Starts the revocation's instance; its start listener binds it to the revocation.
	 */
	ProcessInstance start(Revocation revocation) {
		return runtimeService.startProcessInstanceByKey(KEY, revocation.id(), Variables.createVariables()
			.putValue(SCHOOL_URN, revocation.schoolUrn())
			.putValue(APP_ID, revocation.appId())
			.putValue(SCOPES, String.join(",", revocation.asked())));
	}
}
