package uk.schooldata.approvals.mis;

import java.util.Set;

/**
 * A user account in a school's MIS and the names of the permission groups it is in.
 */
public record MisUser(String id, String username, Set<String> groups) {

	public MisUser {
		groups = Set.copyOf(groups);
	}

	public boolean isIn(MisPermissionGroup group) {
		return groups.contains(group.misName());
	}
}
