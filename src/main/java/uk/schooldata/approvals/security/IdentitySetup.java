package uk.schooldata.approvals.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the role groups exist and the configured operator ({@code camunda.bpm.admin-user}) is a platform
 * operator, so that the tasks of platform operators reach them in Tasklist. Safe to run on every start.
 */
@Component
class IdentitySetup implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

	private final IdentityService identityService;

	private final String operatorId;

	IdentitySetup(IdentityService identityService, @Value("${camunda.bpm.admin-user.id:}") String operatorId) {
		this.identityService = identityService;
		this.operatorId = operatorId;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (identityService.createGroupQuery().groupId(Roles.PLATFORM_ADMINS).count() == 0) {
			Group group = identityService.newGroup(Roles.PLATFORM_ADMINS);
			group.setName("Platform operators");
			group.setType("WORKFLOW");
			identityService.saveGroup(group);
			LOG.info("Created group {}", Roles.PLATFORM_ADMINS);
		}
		boolean operatorExists = !operatorId.isBlank()
				&& identityService.createUserQuery().userId(operatorId).count() == 1;
		if (operatorExists
				&& identityService.createUserQuery().userId(operatorId).memberOfGroup(Roles.PLATFORM_ADMINS).count() == 0) {
			identityService.createMembership(operatorId, Roles.PLATFORM_ADMINS);
			LOG.info("Operator {} added to {}", operatorId, Roles.PLATFORM_ADMINS);
		}
	}
}
