package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisProperties;
import uk.schooldata.approvals.mis.MisRefusedException;
import uk.schooldata.approvals.mis.MisUser;

/**
 * Creates the platform's user in the school's MIS, or reuses the one that is already there.
 */
@Component
class CreateMisUserDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(CreateMisUserDelegate.class);

	private final MisConnector mis;

	private final Schools schools;

	private final String platformUsername;

	CreateMisUserDelegate(MisConnector mis, Schools schools, MisProperties misProperties) {
		this.mis = mis;
		this.schools = schools;
		this.platformUsername = misProperties.platformUsername();
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = schools.boundTo(execution.getProcessInstanceId()).urn();
		MisUser user;
		try {
			user = mis.createPlatformUser(urn, platformUsername);
		}
		catch (MisRefusedException refusal) {
			throw MisRefusals.asBpmnError(refusal);
		}
		schools.recordMisUser(urn, user.id());
		execution.setVariable(SchoolOnboardingProcess.MIS_USER_ID, user.id());
		LOG.info("School {}: platform MIS user is {}", urn, user.id());
	}
}
