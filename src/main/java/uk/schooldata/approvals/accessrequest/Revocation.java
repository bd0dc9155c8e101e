package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A school's revocation of an app's grants, and what it ended.
 *
 * @param scope the scope revoked, or {@code null} for every scope the app held at the school
 * @param revokedAt when the grants ended; {@code null} until then
 * @param revokedScopes every scope it ended, dependants included
 * @param dependantsRevoked each scope ended because it needs a revoked one, with that scope
 */
public record Revocation(String id, String schoolUrn, String appId, String scope, String revokedBy, String reason,
		Instant requestedAt, Instant revokedAt, List<String> revokedScopes, Map<String, String> dependantsRevoked) {

	public Revocation {
		revokedScopes = List.copyOf(revokedScopes);
		dependantsRevoked = Map.copyOf(dependantsRevoked);
	}

	/**
	 * The scopes the school asked to revoke: one, or none for every scope the app holds.
	 */
	List<String> asked() {
		return scope == null ? List.of() : List.of(scope);
	}
}
