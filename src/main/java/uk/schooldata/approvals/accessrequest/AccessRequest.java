package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;

/**
 * An app's request to a school for named data scopes, and the school's decision on it. {@code scopes} holds only
 * what is new to this app at this school: scopes it already holds stay in force and are not asked again.
 * <p>
 * This row, not any process variable, is the record of who decided what: the rules on it decide what may be granted.
 */
public record AccessRequest(String id, String appId, String schoolUrn, String purpose, AccessRequestStatus status,
		List<RequestedScope> scopes, Instant submittedAt, Instant deadline, Instant decidedAt, String decidedBy,
		String decisionReason, Instant confirmedAt, String confirmedBy, String supersededBy, Instant grantsRecordedAt) {

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

	/**
	 * The scopes to put in force now, as the school decided them: only for an approved request whose grants are not
	 * recorded yet, decided by an administrator, and whose special-category scopes a different administrator
	 * confirmed.
	 *
	 * @throws DecisionNotOnRecordException when the record does not show such a decision
	 */
	List<String> scopesToGrant(ScopeCatalogue catalogue) {
		if (status != AccessRequestStatus.APPROVED && status != AccessRequestStatus.PARTIALLY_APPROVED) {
			throw new DecisionNotOnRecordException(this, "it is " + status + ", not approved");
		}
		if (grantsRecordedAt != null) {
			throw new DecisionNotOnRecordException(this, "its grants were recorded already");
		}
		if (decidedBy == null) {
			throw new DecisionNotOnRecordException(this, "no administrator's decision is recorded");
		}
		boolean special = approvedScopes().stream().anyMatch(name -> catalogue.get(name).isSpecialCategory());
		if (special && (confirmedBy == null || confirmedBy.equals(decidedBy))) {
			throw new DecisionNotOnRecordException(this,
					"its special-category scopes were not confirmed by a second administrator");
		}
		return approvedScopes();
	}

	/**
	 * Who put the scopes in force: the reviewer, and the second administrator where one confirmed.
	 */
	String grantedBy() {
		return confirmedBy == null ? decidedBy : decidedBy + " and " + confirmedBy;
	}

	Instant grantedAt() {
		return confirmedAt != null ? confirmedAt : decidedAt;
	}
}
