package uk.schooldata.approvals.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which calls each role may make to Camunda's generic REST surfaces; anything not listed is refused. Platform
 * operators may make every call and are not listed. Paths of the engine API are relative to the engine:
 * {@code /engine-rest/task} and {@code /camunda/api/engine/engine/default/task} are both {@code /task}.
 * <ul>
 * <li><b>School administrators</b>: what Tasklist needs to list, open, claim, comment and submit their school's
 * tasks (submitting only the form's own fields), and the Welcome app's own profile and password.</li>
 * <li><b>Auditors</b>: what Cockpit needs, read-only: reads, and the POST routes that are only queries; and the
 * audit history plugin's API ({@value #AUDIT_HISTORY_PLUGIN}), {@code GET} only.</li>
 * <li><b>Apps</b>: the documented start of a data access request, and nothing else; no webapp.</li>
 * </ul>
 * Which rows Camunda then shows each of them is up to its authorizations and the school tenants.
 */
@Component
class CamundaApiPolicy {

	/** The process apps may start: its key is public API. */
	static final String APP_STARTABLE_PROCESS = "data-access-request";

	/**
	 * The audit history Cockpit plugin's API, relative to {@code /camunda/api/cockpit} (its id is
	 * {@code AuditHistoryPlugin.ID}, spelled here because {@code audit} depends on {@code security}, not the reverse).
	 * It reads every school's history past Camunda's tenant checks, so it is read-only: {@code GET} and nothing else.
	 */
	static final String AUDIT_HISTORY_PLUGIN = "/plugin/audit-history/";

	private static final Set<String> ADMINS = Set.of(Roles.SCHOOL_ADMINS);

	private static final Set<String> AUDITORS = Set.of(Roles.AUDITORS);

	private static final Set<String> STAFF = Set.of(Roles.SCHOOL_ADMINS, Roles.AUDITORS);

	private static final Set<String> APPS = Set.of(Roles.APPS);

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	/** How a rule checks the body of a call it allows. */
	enum BodyRule {
		NONE,
		/** A task completed with its form's own input fields only. */
		FORM_FIELDS,
		/** Variables only: no start instructions, business key or skipped listeners; text values. */
		START,
		/** The path's {@code {id}} is the caller's own user id. */
		SELF
	}

	record Rule(Set<String> roles, String method, PathPattern path, BodyRule body) {

		boolean allows(String method, PathContainer path, Set<String> groups) {
			return this.method.equals(method) && this.path.matches(path)
					&& groups.stream().anyMatch(roles::contains);
		}
	}

	private final List<Rule> engineRules = new ArrayList<>();

	CamundaApiPolicy() {
		// Everybody's own profile and password (the Welcome app), and who is who on a task.
		get(STAFF, "/user", "/user/count", "/user/{id}/profile", "/group", "/group/count", "/identity/groups",
				"/identity/password-policy");
		post(STAFF, "/group", "/group/count", "/identity/password-policy");
		rule(STAFF, "PUT", "/user/{id}/profile", BodyRule.SELF);
		rule(STAFF, "PUT", "/user/{id}/credentials", BodyRule.SELF);

		// Tasklist: saved filters, tasks, their forms, diagrams and history.
		get(STAFF, "/filter", "/filter/count", "/filter/{id}", "/filter/{id}/list", "/filter/{id}/count",
				"/filter/{id}/singleResult", "/task", "/task/count", "/task/{id}", "/task/{id}/form",
				"/task/{id}/deployed-form", "/task/{id}/rendered-form", "/task/{id}/form-variables",
				"/task/{id}/variables", "/task/{id}/variables/{name}", "/task/{id}/variables/{name}/data",
				"/task/{id}/identity-links", "/task/{id}/comment", "/task/{id}/comment/{commentId}",
				"/task/report/candidate-group-count", "/process-definition", "/process-definition/count",
				"/process-definition/{id}", "/process-definition/{id}/xml", "/case-definition/{id}",
				"/case-definition/{id}/xml", "/history/task", "/history/task/count", "/history/user-operation",
				"/history/user-operation/count", "/history/identity-link-log", "/history/identity-link-log/count");
		post(STAFF, "/filter/{id}/list", "/filter/{id}/count", "/filter/{id}/singleResult", "/task", "/task/count");
		post(ADMINS, "/task/{id}/claim", "/task/{id}/unclaim", "/task/{id}/assignee", "/task/{id}/comment/create");
		rule(ADMINS, "POST", "/task/{id}/submit-form", BodyRule.FORM_FIELDS);
		rule(ADMINS, "POST", "/task/{id}/complete", BodyRule.FORM_FIELDS);

		// Cockpit, read-only: every read it makes, and the POST routes that only query.
		get(AUDITORS, "/process-definition/**", "/process-instance/**", "/history/**", "/incident/**", "/job/**",
				"/job-definition/**", "/execution/**", "/variable-instance/**", "/external-task/**", "/batch/**",
				"/deployment/**", "/decision-definition/**", "/decision-requirements-definition/**",
				"/case-definition/**", "/case-instance/**", "/case-execution/**", "/task/**", "/event-subscription/**");
		post(AUDITORS, "/process-instance", "/process-instance/count", "/task/count", "/variable-instance",
				"/variable-instance/count", "/job", "/job/count", "/job-definition", "/job-definition/count",
				"/external-task", "/external-task/", "/external-task/count", "/execution", "/execution/count",
				"/case-instance", "/case-instance/count", "/case-execution", "/case-execution/count",
				"/history/process-instance", "/history/process-instance/count", "/history/task",
				"/history/task/count", "/history/variable-instance", "/history/variable-instance/count",
				"/history/activity-instance", "/history/activity-instance/count", "/history/case-instance",
				"/history/case-instance/count", "/history/job-log", "/history/job-log/count",
				"/history/external-task-log", "/history/external-task-log/count", "/history/detail");

		// Apps: the documented start of a data access request, checked further by its start validator.
		rule(APPS, "POST", "/process-definition/key/" + APP_STARTABLE_PROCESS + "/start", BodyRule.START);
	}

	/**
	 * The rule that allows this call to the engine API for one of the caller's groups, if any.
	 */
	Optional<Rule> engine(String method, String path, Set<String> groups) {
		PathContainer container = PathContainer.parsePath(path);
		return engineRules.stream().filter(rule -> rule.allows(method, container, groups)).findFirst();
	}

	/**
	 * The engine list: the webapps' login page reads it before anyone signs in.
	 */
	Optional<Rule> engineList(String method) {
		return "GET".equals(method) ? Optional.of(new Rule(Set.of(), method, PARSER.parse("/"), BodyRule.NONE))
				: Optional.empty();
	}

	/**
	 * The webapps' own APIs ({@code /camunda/api/{app}/...}): their plugins' static files and signing in and out for
	 * everybody (apps are stopped at the login itself), Cockpit's queries for auditors, the audit history plugin's
	 * reads for auditors ({@code GET} only), the Welcome app for staff, Admin for operators only.
	 */
	Optional<Rule> webapp(String app, String method, String path, boolean signedIn, Set<String> groups) {
		Rule any = new Rule(Set.of(), method, PARSER.parse("/**"), BodyRule.NONE);
		if ("GET".equals(method) && path.matches("^/plugin/[^/]+/static/.+$")) {
			// The plugins' scripts and styles: each webapp loads them before anyone signs in.
			return Optional.of(any);
		}
		if ("cockpit".equals(app) && path.startsWith(AUDIT_HISTORY_PLUGIN)) {
			// Every school's history, past the tenant checks: auditors may read it and nothing else. Operators pass
			// before the policy is asked; the plugin's resources check both roles again and answer GET only.
			return signedIn && groups.contains(Roles.AUDITORS) && "GET".equals(method) ? Optional.of(any)
					: Optional.empty();
		}
		if ("admin".equals(app)) {
			boolean auth = ("GET".equals(method) && path.matches("^/auth/user/[^/]+/?$"))
					|| ("POST".equals(method) && path.matches("^/auth/user/[^/]+/(login/[^/]+|logout)/?$"));
			return auth ? Optional.of(any) : Optional.empty();
		}
		boolean allowed = switch (app) {
			case "cockpit" -> signedIn && groups.contains(Roles.AUDITORS) && Set.of("GET", "POST").contains(method);
			case "tasklist", "welcome" -> signedIn && groups.stream().anyMatch(STAFF::contains) && "GET".equals(method);
			default -> false;
		};
		return allowed ? Optional.of(any) : Optional.empty();
	}

	private void get(Set<String> roles, String... paths) {
		for (String path : paths) {
			rule(roles, "GET", path, BodyRule.NONE);
		}
	}

	private void post(Set<String> roles, String... paths) {
		for (String path : paths) {
			rule(roles, "POST", path, BodyRule.NONE);
		}
	}

	private void rule(Set<String> roles, String method, String path, BodyRule body) {
		engineRules.add(new Rule(roles, method, PARSER.parse(path), body));
	}
}
