package uk.schooldata.approvals.onboarding;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.notification.Mailer;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Tells the school's contact that the MIS side is ready.
 */
@Component
class EmailSchoolDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(EmailSchoolDelegate.class);

	static final String TEMPLATE = "school-onboarded";

	private final Schools schools;

	private final Mailer mailer;

	EmailSchoolDelegate(Schools schools, Mailer mailer) {
		this.schools = schools;
		this.mailer = mailer;
	}

	@Override
	public void execute(DelegateExecution execution) {
		School school = schools.boundTo(execution.getProcessInstanceId());
		String urn = school.urn();
		mailer.send(school.contactEmail(), TEMPLATE,
				Map.of("schoolName", school.name(), "urn", urn, "misUserId", school.misUserId(), "misGroups",
						"  - " + String.join("\n  - ", school.confirmedMisGroups()), "administrator",
						SchoolIdentities.administratorId(school.contactEmail())));
		LOG.info("School {}: onboarding email sent", urn);
	}
}
