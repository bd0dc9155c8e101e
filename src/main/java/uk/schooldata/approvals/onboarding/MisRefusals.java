package uk.schooldata.approvals.onboarding;

import org.camunda.bpm.engine.delegate.BpmnError;

import uk.schooldata.approvals.mis.MisRefusedException;

/**
 * Turns the MIS refusing into the BPMN errors the onboarding model catches.
 */
final class MisRefusals {

	private MisRefusals() {
	}

	static BpmnError asBpmnError(MisRefusedException refusal) {
		return switch (refusal.reason()) {
			case UNKNOWN_SCHOOL -> new BpmnError(SchoolOnboardingProcess.ERROR_MIS_UNKNOWN_SCHOOL, refusal.getMessage());
			case FORBIDDEN -> new BpmnError(SchoolOnboardingProcess.ERROR_MIS_FORBIDDEN, refusal.getMessage());
		};
	}
}
