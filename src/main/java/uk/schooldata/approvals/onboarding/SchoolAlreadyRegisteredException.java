package uk.schooldata.approvals.onboarding;

import java.util.Map;

import uk.schooldata.approvals.web.Refusal;

/**
 * A school can be onboarded once; only a cancelled onboarding can be started again.
 */
class SchoolAlreadyRegisteredException extends Refusal {

	SchoolAlreadyRegisteredException(String urn, OnboardingStatus status) {
		super(Kind.CONFLICT, "school-already-registered", "School already registered", "School " + urn
				+ " is already registered (status " + status + "); only a cancelled onboarding can be started again.",
				Map.of("urn", urn, "status", status));
	}
}
