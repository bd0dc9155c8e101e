package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class ActivateSchoolDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(ActivateSchoolDelegate.class);

	private final Schools schools;

	ActivateSchoolDelegate(Schools schools) {
		this.schools = schools;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = schools.boundTo(execution.getProcessInstanceId()).urn();
		schools.markActive(urn, ClockUtil.getCurrentTime().toInstant());
		LOG.info("School {} is active", urn);
	}
}
