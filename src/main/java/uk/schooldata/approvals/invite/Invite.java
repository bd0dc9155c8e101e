package uk.schooldata.approvals.invite;

import java.time.Instant;
import java.util.List;

/**
 * One person invited to online services. The token itself is never stored, only its hash.
 */
public record Invite(String id, String batchId, String schoolUrn, SourceGroup sourceGroup, String misPersonId,
		String displayName, String email, InviteStatus status, Instant createdAt, Instant sentAt, Instant expiresAt,
		Instant acceptedAt, ExternalProvider externalProvider, String externalSubject, List<Permission> permissions,
		String permissionsBy) {
}
