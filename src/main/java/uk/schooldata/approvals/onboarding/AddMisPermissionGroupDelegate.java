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

	AddMisPermissionGroupDelegate(MisConnector mis) {
		this.mis = mis;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = SchoolOnboardingProcess.urn(execution);
		MisPermissionGroup group = SchoolOnboardingProcess.misPermissionGroup(execution);
		try {
			mis.addUserToGroup(urn, SchoolOnboardingProcess.misUserId(execution), group);
		}
		catch (MisRefusedException refusal) {
			throw MisRefusals.asBpmnError(refusal);
		}
		LOG.info("School {}: platform MIS user added to {}", urn, group.misName());
	}
}
