package uk.schooldata.approvals.security;

import java.security.Principal;
import java.util.Set;

/**
 * Who is calling the API: a user or app of Camunda's identity service, its groups and its tenants (the URNs of the
 * schools it belongs to). Controllers receive it as {@code @AuthenticationPrincipal Caller caller}.
 */
public record Caller(String id, Set<String> groups, Set<String> tenants) implements Principal {

	public Caller {
		groups = Set.copyOf(groups);
		tenants = Set.copyOf(tenants);
	}

	/**
	 * The id, which is also what {@code request.getUserPrincipal().getName()} answers, so that Camunda's REST API runs
	 * as this user.
	 */
	@Override
	public String getName() {
		return id;
	}

	public boolean isPlatformAdmin() {
		return groups.contains(Roles.PLATFORM_ADMINS);
	}

	public boolean isAuditor() {
		return groups.contains(Roles.AUDITORS);
	}

	public boolean isApp() {
		return groups.contains(Roles.APPS);
	}

	/**
	 * Whether the caller may read everything about this school: platform operators and auditors for every school, a
	 * school administrator for their own.
	 */
	public boolean canRead(String urn) {
		return isPlatformAdmin() || isAuditor() || isSchoolAdminOf(urn);
	}

	public boolean isSchoolAdminOf(String urn) {
		return groups.contains(Roles.SCHOOL_ADMINS) && tenants.contains(urn);
	}
}
