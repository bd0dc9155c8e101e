package uk.schooldata.approvals.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups, the narrowest Camunda grants that let each role do its job, and the Tasklist filters for
 * school administrators. Runs on every start and only adds what is missing.
 * <p>
 * What each role may do, beyond these grants, comes from Camunda itself: platform operators are also in
 * {@code camunda-admin}, which holds every permission; a task's candidate group gets read and work permission on
 * that task; and a user sees only the tenants (schools) they belong to.
 */
@Component
@Order(0)
class AccessSetup implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);

	static final String MY_SCHOOLS_OPEN_TASKS = "My school's open tasks";

	static final String MY_TASKS = "Assigned to me";

	private static final Map<String, String> GROUP_NAMES = Map.of(Roles.PLATFORM_ADMINS, "Platform operators",
			Roles.SCHOOL_ADMINS, "School administrators", Roles.AUDITORS, "Auditors", Roles.APPS, "Apps",
			Roles.METRICS_SCRAPERS, "Metrics scrapers");

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final FilterService filterService;

	private final TaskService taskService;

	private final String operatorId;

	AccessSetup(IdentityService identityService, AuthorizationService authorizationService,
			FilterService filterService, TaskService taskService,
			@Value("${camunda.bpm.admin-user.id:}") String operatorId) {
		this.identityService = identityService;
		this.operatorId = operatorId;
		this.authorizationService = authorizationService;
		this.filterService = filterService;
		this.taskService = taskService;
	}

	@Override
	public void run(ApplicationArguments args) {
		GROUP_NAMES.forEach(this::ensureGroup);
		ensureOperatorIsPlatformAdmin();

		grant(Roles.SCHOOL_ADMINS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		// READ_HISTORY for Tasklist's History tab and task comments; READ_INSTANCE for the columns of the task list
		// (the instance's appName, schoolName and inviteeName). The school tenant limits both to their school, and
		// the allow-list lets them call only Tasklist's routes.
		grant(Roles.SCHOOL_ADMINS, Resources.PROCESS_DEFINITION, Authorization.ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);

		grant(Roles.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(Roles.AUDITORS, Resources.PROCESS_DEFINITION, Authorization.ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
				ProcessDefinitionPermissions.READ_TASK);
		grant(Roles.AUDITORS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
		grant(Roles.AUDITORS, Resources.TASK, Authorization.ANY, Permissions.READ);
		grant(Roles.AUDITORS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
		grant(Roles.AUDITORS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ,
				Permissions.READ_HISTORY);

		// Apps start data access requests, as themselves, and nothing else.
		grant(Roles.APPS, Resources.PROCESS_DEFINITION, "data-access-request", ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.CREATE_INSTANCE);
		grant(Roles.APPS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);

		// The tasks offered to the user: by their group (the school's administrators; the tenant keeps it to their
		// school) or by name (a confirmation, offered only to the administrators who did not review).
		ensureSchoolAdminFilter(MY_SCHOOLS_OPEN_TASKS, -10, taskService.createTaskQuery()
			.taskCandidateUserExpression("${currentUser()}")
			.includeAssignedTasks()
			.active()
			.orderByDueDate()
			.asc());
		ensureSchoolAdminFilter(MY_TASKS, -5, taskService.createTaskQuery()
			.taskAssigneeExpression("${currentUser()}")
			.orderByDueDate()
			.asc());
	}

	private void ensureGroup(String id, String name) {
		if (identityService.createGroupQuery().groupId(id).count() == 0) {
			Group group = identityService.newGroup(id);
			group.setName(name);
			group.setType(Roles.APPS.equals(id) || Roles.METRICS_SCRAPERS.equals(id) ? "SYSTEM" : "WORKFLOW");
			identityService.saveGroup(group);
			LOG.info("Created group {}", id);
		}
	}

	/**
	 * The operator configured in {@code camunda.bpm.admin-user}, whom the Camunda starter puts in camunda-admin.
	 */
	private void ensureOperatorIsPlatformAdmin() {
		if (operatorId.isBlank() || identityService.createUserQuery().userId(operatorId).count() == 0) {
			return;
		}
		if (identityService.createUserQuery().userId(operatorId).memberOfGroup(Roles.PLATFORM_ADMINS).count() == 0) {
			identityService.createMembership(operatorId, Roles.PLATFORM_ADMINS);
			LOG.info("Operator {} added to {}", operatorId, Roles.PLATFORM_ADMINS);
		}
	}

	private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
		Authorization authorization = authorizationService.createAuthorizationQuery()
			.groupIdIn(groupId)
			.resourceType(resource)
			.resourceId(resourceId)
			.list()
			.stream()
			.filter(existing -> existing.getAuthorizationType() == AUTH_TYPE_GRANT)
			.findFirst()
			.orElseGet(() -> {
				Authorization created = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
				created.setGroupId(groupId);
				created.setResource(resource);
				created.setResourceId(resourceId);
				return created;
			});
		for (Permission permission : permissions) {
			authorization.addPermission(permission);
		}
		authorizationService.saveAuthorization(authorization);
	}

	/**
	 * Creates the filter, or brings an existing one up to date: its query, and the columns Tasklist shows for each
	 * task (the app, the school, the invitee).
	 */
	private static Map<String, String> column(String variable, String label) {
		return Map.of("name", variable, "label", label);
	}

	private void ensureSchoolAdminFilter(String name, int priority, org.camunda.bpm.engine.task.TaskQuery query) {
		Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
		if (filter == null) {
			filter = filterService.newTaskFilter(name);
			LOG.info("Created Tasklist filter '{}'", name);
		}
		filter.setQuery(query)
			.setProperties(Map.of("priority", priority, "description", "Tasks for your school's administrators",
					"refresh", true, "variables", List.of(column("appName", "App"), column("schoolName", "School"),
							column("inviteeName", "Invitee"))));
		filterService.saveFilter(filter);
		grant(Roles.SCHOOL_ADMINS, Resources.FILTER, filter.getId(), Permissions.READ);
	}
}
