package uk.schooldata.approvals.onboarding;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.notification.Mailer;

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
		String urn = SchoolOnboardingProcess.urn(execution);
		School school = schools.findByUrn(urn)
			.orElseThrow(() -> new IllegalStateException("School " + urn + " is not registered"));
		mailer.send(school.contactEmail(), TEMPLATE,
				Map.of("schoolName", school.name(), "urn", urn, "misUserId", school.misUserId(), "misGroups",
						"  - " + String.join("\n  - ", school.confirmedMisGroups()), "administrator",
						(String) execution.getVariable(SchoolOnboardingProcess.FIRST_ADMINISTRATOR)));
		LOG.info("School {}: onboarding email sent", urn);
	}
}
