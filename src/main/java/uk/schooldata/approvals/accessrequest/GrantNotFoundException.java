package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * Revoking a grant that is not in force.
 */
public class GrantNotFoundException extends Refusal {

	public GrantNotFoundException(String schoolUrn, String appId, String scope) {
		super(Kind.NOT_FOUND, "grant-not-found", "Grant not found", "App " + appId + " holds "
				+ (scope == null ? "no scopes" : "no grant of " + scope) + " at school " + schoolUrn + ".");
	}
}
