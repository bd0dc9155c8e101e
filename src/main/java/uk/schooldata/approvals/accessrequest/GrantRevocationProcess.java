package uk.schooldata.approvals.accessrequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.SchoolTenants;

/**
 * The {@code grant-revocation} process ({@code processes/grant-revocation.bpmn}): a school administrator revokes one
 * scope or all of an app's scopes. The grants end in the starting transaction, so data stops at once; the app is told
 * afterwards. Business key: the revocation id.
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
	public static final String REVOKED_BY = "revokedBy";
	public static final String REASON = "reason";
	/** Comma-separated: the scopes that were in force and are now revoked, dependants included. */
	public static final String REVOKED_SCOPES = "revokedScopes";
	/** For the history: each scope revoked because it depends on a revoked one, as "scope (needs parent)". */
	public static final String DEPENDANTS_REVOKED = "dependantsRevoked";

	private static final Pattern DEPENDANT = Pattern.compile("(\\S+) \\(needs (\\S+)\\)");

	private final RuntimeService runtimeService;

	GrantRevocationProcess(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
	}

	ProcessInstance start(String schoolUrn, String appId, List<String> scopes, String revokedBy, String reason) {
		return runtimeService.startProcessInstanceByKey(KEY, UUID.randomUUID().toString(), Variables.createVariables()
			.putValue(SCHOOL_URN, schoolUrn)
			.putValue(APP_ID, appId)
			.putValue(SCOPES, String.join(",", scopes))
			.putValue(REVOKED_BY, revokedBy)
			.putValue(REASON, reason));
	}

	static List<String> revokedScopes(VariableScope scope) {
		return DataAccessRequestProcess.strings(scope.getVariable(REVOKED_SCOPES));
	}

	/**
	 * @return each dependant scope revoked with its parent, and that parent
	 */
	static Map<String, String> dependantsRevoked(VariableScope scope) {
		Map<String, String> dependants = new LinkedHashMap<>();
		for (String entry : DataAccessRequestProcess.strings(scope.getVariable(DEPENDANTS_REVOKED))) {
			Matcher dependant = DEPENDANT.matcher(entry);
			if (dependant.matches()) {
				dependants.put(dependant.group(1), dependant.group(2));
			}
		}
		return dependants;
	}

	static String dependant(String scope, String parent) {
		return scope + " (needs " + parent + ")";
	}
}
