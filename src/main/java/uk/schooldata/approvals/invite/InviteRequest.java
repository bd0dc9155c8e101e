package uk.schooldata.approvals.invite;

import java.util.List;

import jakarta.validation.constraints.NotNull;

/**
 * Whom to invite: people by MIS id, or (students and parents only) everyone in some registration groups, e.g.
 * {@code "7A"}; for parents, the contacts of the students in those groups.
 */
public record InviteRequest(@NotNull SourceGroup sourceGroup, List<String> personIds, List<String> groupIds) {

	public InviteRequest {
		personIds = personIds == null ? List.of() : List.copyOf(personIds);
		groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
	}
}
