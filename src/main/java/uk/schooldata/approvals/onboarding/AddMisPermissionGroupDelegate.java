package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisRefusedException;

/**
 * Adds the platform's MIS user to one permission group; runs once per group.
 */
@Component
class AddMisPermissionGroupDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(AddMisPermissionGroupDelegate.class);

	private final MisConnector mis;

	private final Schools schools;

	AddMisPermissionGroupDelegate(MisConnector mis, Schools schools) {
		this.mis = mis;
		this.schools = schools;
	}

	@Override
	public void execute(DelegateExecution execution) {
		School school = schools.boundTo(execution.getProcessInstanceId());
		String urn = school.urn();
		MisPermissionGroup group = SchoolOnboardingProcess.misPermissionGroup(execution);
		try {
			mis.addUserToGroup(urn, school.misUserId(), group);
		}
		catch (MisRefusedException refusal) {
			throw MisRefusals.asBpmnError(refusal);
		}
		LOG.info("School {}: platform MIS user added to {}", urn, group.misName());
	}
}
