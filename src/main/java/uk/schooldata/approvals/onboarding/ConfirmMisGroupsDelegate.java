package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.MisRefusedException;

/**
 * Reads the platform's MIS user back and records its groups only when the MIS confirms every required one.
 */
@Component
class ConfirmMisGroupsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(ConfirmMisGroupsDelegate.class);

	private final SchoolMisGroups misGroups;

	private final Schools schools;

	ConfirmMisGroupsDelegate(SchoolMisGroups misGroups, Schools schools) {
		this.misGroups = misGroups;
		this.schools = schools;
	}

	@Override
	public void execute(DelegateExecution execution) {
		School school = schools.boundTo(execution.getProcessInstanceId());
		SchoolMisGroups.ReadBack readBack;
		try {
			readBack = misGroups.readBack(school);
		}
		catch (MisRefusedException refusal) {
			throw MisRefusals.asBpmnError(refusal);
		}
		if (!readBack.missing().isEmpty()) {
			throw new BpmnError(SchoolOnboardingProcess.ERROR_MIS_GROUPS_NOT_CONFIRMED,
					"The MIS does not confirm the platform's user " + readBack.misUserId() + " in "
							+ String.join(", ", readBack.missing()));
		}
		schools.recordConfirmedMisGroups(school.urn(), readBack.confirmed(), ClockUtil.getCurrentTime().toInstant());
		LOG.info("School {}: MIS confirms all {} permission groups", school.urn(), readBack.confirmed().size());
	}
}
