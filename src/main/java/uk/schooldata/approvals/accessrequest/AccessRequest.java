package uk.schooldata.approvals.accessrequest;

import static uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.APPROVED_SCOPES;
import static uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.DECISION;
import static uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.DECLINE_REASON;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	/** The reason recorded when an administrator unticks every scope. */
	static final String NOTHING_APPROVED = "The administrator approved none of the requested scopes.";

	/**
	 * The reviewer approves the ticked scopes. Only scopes that were requested; every required one, or else decline;
	 * each with the scopes it depends on, approved now or held already. Approving none declines. Special-category
	 * scopes approved wait for a second administrator.
	 *
	 * @param held the scopes the app holds at the school already
	 * @throws DecisionRefusedException when the rules do not allow this approval
	 */
	Decided approve(List<String> ticked, Set<String> held, ScopeCatalogue catalogue) {
		awaiting(AccessRequestStatus.PENDING);
		List<String> notRequested = ticked.stream().filter(name -> !scopeNames().contains(name)).toList();
		if (!notRequested.isEmpty()) {
			throw new DecisionRefusedException(APPROVED_SCOPES,
					"These scopes were not requested and cannot be approved: " + String.join(", ", notRequested) + ".");
		}
		if (ticked.isEmpty()) {
			return decline(NOTHING_APPROVED);
		}
		List<String> droppedRequired = scopes.stream()
			.filter(scope -> scope.required() && !ticked.contains(scope.name()))
			.map(RequestedScope::name)
			.toList();
		if (!droppedRequired.isEmpty()) {
			throw new DecisionRefusedException(APPROVED_SCOPES, "The app needs " + String.join(", ", droppedRequired)
					+ "; to refuse a required scope, decline the request.");
		}
		Map<String, List<String>> missing = catalogue.missingDependencies(ticked, held);
		if (!missing.isEmpty()) {
			List<String> explanations = new ArrayList<>();
			missing.forEach((scope, needs) -> explanations.add(scope + " needs " + String.join(", ", needs)));
			throw new DecisionRefusedException(APPROVED_SCOPES,
					"Approve the scopes these depend on too: " + String.join("; ", explanations) + ".");
		}
		List<RequestedScope> decided = scopes.stream()
			.map(scope -> scope.decided(ticked.contains(scope.name()) ? RequestedScope.Decision.APPROVED
					: RequestedScope.Decision.DECLINED))
			.toList();
		List<String> special = ticked.stream().filter(name -> catalogue.get(name).isSpecialCategory()).toList();
		return new Decided(special.isEmpty() ? statusOf(decided) : AccessRequestStatus.AWAITING_SECOND_APPROVAL,
				decided, null, special);
	}

	/**
	 * The reviewer declines the whole request, saying why.
	 *
	 * @throws DecisionRefusedException without a reason
	 */
	Decided decline(String reason) {
		awaiting(AccessRequestStatus.PENDING);
		if (reason == null || reason.isBlank()) {
			throw new DecisionRefusedException(DECLINE_REASON, "Say why you decline the request.");
		}
		return new Decided(AccessRequestStatus.DECLINED,
				scopes.stream().map(scope -> scope.decided(RequestedScope.Decision.DECLINED)).toList(), reason.strip(),
				List.of());
	}

	/**
	 * A second administrator confirms or refuses the special-category scopes the reviewer approved. Refused ones are
	 * declined, and the whole request with them if the app required one.
	 *
	 * @param note the second administrator's note for the record, when refusing; may be {@code null}
	 */
	Decided confirm(boolean confirmed, String note, ScopeCatalogue catalogue) {
		awaiting(AccessRequestStatus.AWAITING_SECOND_APPROVAL);
		List<RequestedScope> decided = scopes.stream()
			.map(scope -> !confirmed && scope.decision() == RequestedScope.Decision.APPROVED
					&& catalogue.get(scope.name()).isSpecialCategory() ? scope.decided(RequestedScope.Decision.DECLINED)
							: scope)
			.toList();
		String reason = confirmed ? null : "A second administrator refused the special-category scopes"
				+ (note == null || note.isBlank() ? "." : ": " + note.strip());
		return new Decided(statusOf(decided), decided, reason, List.of());
	}

	/**
	 * The one status formula: declined when a required scope or every scope is declined, approved when every scope
	 * is approved, partially approved otherwise.
	 */
	static AccessRequestStatus statusOf(List<RequestedScope> decided) {
		boolean requiredDeclined = decided.stream()
			.anyMatch(scope -> scope.required() && scope.decision() == RequestedScope.Decision.DECLINED);
		long approved = decided.stream().filter(scope -> scope.decision() == RequestedScope.Decision.APPROVED).count();
		if (requiredDeclined || approved == 0) {
			return AccessRequestStatus.DECLINED;
		}
		return approved == decided.size() ? AccessRequestStatus.APPROVED : AccessRequestStatus.PARTIALLY_APPROVED;
	}

	private void awaiting(AccessRequestStatus expected) {
		if (status != expected) {
			throw new DecisionRefusedException(DECISION, "This request was decided already.");
		}
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
