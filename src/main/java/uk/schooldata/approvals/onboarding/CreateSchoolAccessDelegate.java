package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Gives the school its tenant and makes its contact the first school administrator. Idempotent.
 */
@Component
class CreateSchoolAccessDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(CreateSchoolAccessDelegate.class);

	private final Schools schools;

	private final SchoolIdentities identities;

	CreateSchoolAccessDelegate(Schools schools, SchoolIdentities identities) {
		this.schools = schools;
		this.identities = identities;
	}

	@Override
	public void execute(DelegateExecution execution) {
		School school = schools.boundTo(execution.getProcessInstanceId());
		String urn = school.urn();
		identities.createTenant(urn, school.name());
		String administrator = identities.addAdministrator(urn, school.name(), school.contactEmail());
		execution.setVariable(SchoolOnboardingProcess.FIRST_ADMINISTRATOR, administrator);
		LOG.info("School {}: tenant and first administrator in place", urn);
	}
}
