package uk.schooldata.approvals.invite;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request to invite people, and how far it has got.
 *
 * @param invited how many invites it made
 * @param skipped everyone asked for who was not invited, and why
 * @param progress how many of its invites are in each status now
 */
public record InviteBatch(String id, String schoolUrn, SourceGroup sourceGroup, String invitedBy, Instant createdAt,
		int invited, List<Skipped> skipped, Map<InviteStatus, Integer> progress) {

	public record Skipped(String personId, SkipReason reason) {
	}
}
