package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * A scope that is not in the catalogue ({@code scopes.json}).
 */
public class UnknownScopeException extends Refusal {

	public UnknownScopeException(String scope) {
		super(Kind.INVALID, "unknown-scope", "Unknown scope", "'" + scope + "' is not a scope in the catalogue.");
	}
}
