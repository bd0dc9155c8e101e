package uk.schooldata.approvals.audit.cockpit;

import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;

import uk.schooldata.approvals.security.Roles;

/**
 * What every resource of the plugin does first: make sure the signed-in user is an auditor or a platform operator,
 * then read as the engine itself, without authorization or tenant checks.
 * <p>
 * Why without them: auditors must see every school's history, including onboarding instances whose school never
 * got its tenant (an onboarding refused by the MIS), which Camunda's tenant check hides from everyone but
 * {@code camunda-admin}. The role check here replaces those checks for these read-only resources.
 * <p>
 * How: the webapps' {@code AuthenticationFilter} puts the session's user, groups and tenants on the engine's
 * {@link IdentityService} for the request ({@code SecurityActions.runWithAuthentications}), and the engine checks
 * authorizations and tenants only while such an authentication is set (see
 * {@code AbstractCockpitPluginResource#isTenantCheckEnabled()}). So the read runs with the authentication cleared
 * and puts it back afterwards, exactly as Camunda's own {@code SecurityActions.runWithoutAuthentication} does, using
 * the engine's public API only.
 */
abstract class AuditResource extends AbstractCockpitPluginResource {

	AuditResource(String engineName) {
		super(engineName);
	}

	/**
	 * Checks the caller's role, then runs the read without the engine's authorization and tenant checks.
	 *
	 * @throws RestException {@code 401} when nobody is signed in to this engine, {@code 403} for anyone who is neither
	 * in {@value Roles#AUDITORS} nor in {@value Roles#PLATFORM_ADMINS}
	 */
	<T> T read(Supplier<T> reading) {
		requireAuditorOrOperator();
		IdentityService identityService = getProcessEngine().getIdentityService();
		Authentication signedIn = identityService.getCurrentAuthentication();
		identityService.clearAuthentication();
		try {
			return reading.get();
		}
		finally {
			identityService.setAuthentication(signedIn);
		}
	}

	private void requireAuditorOrOperator() {
		Authentication signedIn = getCurrentAuthentication();
		if (signedIn == null || signedIn.getUserId() == null) {
			throw new RestException(Status.UNAUTHORIZED, "Sign in to Cockpit first.");
		}
		List<String> groups = signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds();
		if (!groups.contains(Roles.AUDITORS) && !groups.contains(Roles.PLATFORM_ADMINS)) {
			throw new RestException(Status.FORBIDDEN,
					"Only auditors and platform operators may read the audit history.");
		}
	}
}
