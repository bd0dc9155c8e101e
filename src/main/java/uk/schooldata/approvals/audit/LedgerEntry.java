package uk.schooldata.approvals.audit;

import java.time.Instant;

/**
 * One decision as the record keeps it.
 *
 * @param subject the id of what was decided about: the access request, the revocation or the invite
 * @param appId the app the decision was about, where there is one
 * @param detail what was decided, e.g. the scopes approved or the permissions assigned
 * @param actor the user who decided (for a grant, the administrators whose decision put it in force)
 */
public record LedgerEntry(String schoolUrn, DecisionKind kind, String subject, String appId, String detail,
		String actor, String reason, Instant at) {
}
