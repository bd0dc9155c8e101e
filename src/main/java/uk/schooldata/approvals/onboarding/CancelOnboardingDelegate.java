package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class CancelOnboardingDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(CancelOnboardingDelegate.class);

	private final Schools schools;

	CancelOnboardingDelegate(Schools schools) {
		this.schools = schools;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = schools.boundTo(execution.getProcessInstanceId()).urn();
		schools.markCancelled(urn);
		LOG.info("School {}: onboarding cancelled by a platform operator", urn);
	}
}
