package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import uk.schooldata.approvals.audit.DecisionKind;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.audit.LedgerEntry;

/**
 * Appends this module's decisions to the school's tamper-evident decision record, in words an auditor reads.
 */
@Component
class DecisionRecords {

	private final DecisionLedger ledger;

	DecisionRecords(DecisionLedger ledger) {
		this.ledger = ledger;
	}

	void reviewed(AccessRequest request, List<RequestedScope> scopes, String reviewer, String reason, Instant at) {
		ledger.append(new LedgerEntry(request.schoolUrn(), DecisionKind.REVIEWED, request.id(), request.appId(),
				scopeDecisions(scopes), reviewer, reason, at));
	}

	void confirmed(AccessRequest request, boolean confirmed, List<RequestedScope> scopes, String confirmer,
			String reason, Instant at) {
		ledger.append(new LedgerEntry(request.schoolUrn(), confirmed ? DecisionKind.CONFIRMED : DecisionKind.REFUSED,
				request.id(), request.appId(), scopeDecisions(scopes), confirmer, reason, at));
	}

	void granted(AccessRequest request, List<String> scopes) {
		ledger.append(new LedgerEntry(request.schoolUrn(), DecisionKind.GRANTED, request.id(), request.appId(),
				String.join(", ", scopes), request.grantedBy(), null, request.grantedAt()));
	}

	void revoked(Revocation revocation, List<String> scopes, Instant at) {
		ledger.append(new LedgerEntry(revocation.schoolUrn(), DecisionKind.REVOKED, revocation.id(),
				revocation.appId(), String.join(", ", scopes), revocation.revokedBy(), revocation.reason(), at));
	}

	/**
	 * E.g. {@code approved: students.basic, students.dob; declined: students.sen_needs}.
	 */
	private static String scopeDecisions(List<RequestedScope> scopes) {
		return scopes.stream()
			.filter(scope -> scope.decision() != null)
			.collect(Collectors.groupingBy(scope -> scope.decision().name().toLowerCase(),
					TreeMap::new, Collectors.mapping(RequestedScope::name, Collectors.joining(", "))))
			.entrySet()
			.stream()
			.map(entry -> entry.getKey() + ": " + entry.getValue())
			.collect(Collectors.joining("; "));
	}
}
