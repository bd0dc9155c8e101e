package uk.schooldata.approvals;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/**
 * Runs engine calls as a signed-in user, with their groups and tenants, as Tasklist and the REST API do.
 */
public final class SignedIn {

	private SignedIn() {
	}

	/**
	 * Completes the task as the user.
	 */
	public static void complete(IdentityService identityService, TaskService taskService, String taskId,
			String userId, Map<String, Object> variables) {
		identityService.setAuthentication(userId,
				identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
				identityService.createTenantQuery()
					.userMember(userId)
					.includingGroupsOfUser(true)
					.list()
					.stream()
					.map(Tenant::getId)
					.toList());
		try {
			taskService.complete(taskId, variables);
		}
		finally {
			identityService.clearAuthentication();
		}
	}
}
