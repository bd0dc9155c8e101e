package uk.schooldata.approvals.accessrequest;

import java.time.Instant;

/**
 * A school's permission for one app to receive one scope, from the request that granted it until it is revoked.
 */
public record Grant(String id, String schoolUrn, String appId, String scope, String requestId, Instant grantedAt,
		String grantedBy, Instant revokedAt, String revokedBy, String revokeReason) {
}
