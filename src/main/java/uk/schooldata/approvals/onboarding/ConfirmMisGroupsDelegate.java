package uk.schooldata.approvals.onboarding;

import java.util.List;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisRefusedException;
import uk.schooldata.approvals.mis.MisUser;

/**
 * Reads the platform's MIS user back and records its groups only when the MIS confirms every required one.
 */
@Component
class ConfirmMisGroupsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(ConfirmMisGroupsDelegate.class);

	private final MisConnector mis;

	private final Schools schools;

	ConfirmMisGroupsDelegate(MisConnector mis, Schools schools) {
		this.mis = mis;
		this.schools = schools;
	}

	@Override
	public void execute(DelegateExecution execution) {
		School school = schools.boundTo(execution.getProcessInstanceId());
		String urn = school.urn();
		MisUser user;
		try {
			user = mis.readUser(urn, school.misUserId());
		}
		catch (MisRefusedException refusal) {
			throw MisRefusals.asBpmnError(refusal);
		}
		List<MisPermissionGroup> required = SchoolOnboardingProcess
			.requiredGroups(school.usesSchoolBooking());
		List<String> missing = required.stream()
			.filter(group -> !user.isIn(group))
			.map(MisPermissionGroup::misName)
			.toList();
		if (!missing.isEmpty()) {
			throw new BpmnError(SchoolOnboardingProcess.ERROR_MIS_GROUPS_NOT_CONFIRMED,
					"The MIS does not confirm the platform's user " + user.id() + " in " + String.join(", ", missing));
		}
		schools.recordConfirmedMisGroups(urn, required.stream().map(MisPermissionGroup::misName).toList(),
				ClockUtil.getCurrentTime().toInstant());
		LOG.info("School {}: MIS confirms all {} permission groups", urn, required.size());
	}
}
