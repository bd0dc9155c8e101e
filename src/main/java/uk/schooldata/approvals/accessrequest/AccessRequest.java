package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;

/**
 * An app's request to a school for named data scopes, and the school's decision on it. {@code scopes} holds only
 * what is new to this app at this school: scopes it already holds stay in force and are not asked again.
 */
public record AccessRequest(String id, String appId, String schoolUrn, String purpose, AccessRequestStatus status,
		List<RequestedScope> scopes, Instant submittedAt, Instant deadline, Instant decidedAt, String decidedBy,
		String decisionReason, Instant confirmedAt, String confirmedBy, String supersededBy) {

	public AccessRequest {
		scopes = List.copyOf(scopes);
	}

	public List<String> scopeNames() {
		return scopes.stream().map(RequestedScope::name).toList();
	}

	public List<String> approvedScopes() {
		return scopes.stream()
			.filter(scope -> scope.decision() == RequestedScope.Decision.APPROVED)
			.map(RequestedScope::name)
			.toList();
	}
}
