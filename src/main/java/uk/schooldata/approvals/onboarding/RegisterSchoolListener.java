package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when a {@code school-onboarding} instance starts, however it was started: checks the variables and records
 * the school in the engine's transaction. A refusal throws, so the start rolls back whole.
 */
@Component
class RegisterSchoolListener implements ExecutionListener {

	private static final Logger LOG = LoggerFactory.getLogger(RegisterSchoolListener.class);

	private final OnboardingStartValidator validator;

	private final Schools schools;

	RegisterSchoolListener(OnboardingStartValidator validator, Schools schools) {
		this.validator = validator;
		this.schools = schools;
	}

	@Override
	public void notify(DelegateExecution execution) {
		SchoolRegistration registration = validator.registrationFrom(execution.getVariables(),
				execution.getProcessBusinessKey());
		if (execution.getProcessBusinessKey() == null) {
			execution.setProcessBusinessKey(registration.urn());
		}
		schools.register(registration, ClockUtil.getCurrentTime().toInstant(), execution.getProcessInstanceId());
		LOG.info("School {} registered; onboarding started", registration.urn());
	}
}
