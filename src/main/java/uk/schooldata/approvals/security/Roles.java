package uk.schooldata.approvals.security;

/**
 * The roles of this system, as Camunda group ids. BPMN candidate groups use these ids.
 */
public final class Roles {

	/** Platform operators: onboard schools, resolve onboarding problems, run the engine. */
	public static final String PLATFORM_ADMINS = "platform-admins";

	private Roles() {
	}
}
