package uk.schooldata.approvals.security;

import org.camunda.bpm.engine.authorization.Groups;

/**
 * The roles of this system, as groups in Camunda's identity service. BPMN candidate groups use these ids.
 */
public final class Roles {

	/** Platform operators: onboard schools, register apps, manage users, resolve incidents. Also camunda-admin. */
	public static final String PLATFORM_ADMINS = "platform-admins";

	/** A school's administrators: work their own school's tasks. Each is a member of their school's tenant only. */
	public static final String SCHOOL_ADMINS = "school-admins";

	/** Auditors and data protection officers: read history and Cockpit, change nothing. */
	public static final String AUDITORS = "auditors";

	/** Third-party apps calling the API with their own credentials. */
	public static final String APPS = "apps";

	/**
	 * The monitoring system's scraper: reads {@code /actuator/prometheus} and nothing else. Its user is configured
	 * with {@code app.metrics.scraper}.
	 */
	public static final String METRICS_SCRAPERS = "metrics-scrapers";

	/** Camunda's own administrators' group, which holds every permission. */
	public static final String CAMUNDA_ADMIN = Groups.CAMUNDA_ADMIN;

	private Roles() {
	}
}
