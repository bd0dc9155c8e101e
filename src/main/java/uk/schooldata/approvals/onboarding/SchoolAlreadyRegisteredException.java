package uk.schooldata.approvals.onboarding;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import uk.schooldata.approvals.web.Problems;

/**
 * A school can be onboarded once; only a cancelled onboarding can be started again.
 */
class SchoolAlreadyRegisteredException extends ErrorResponseException {

	SchoolAlreadyRegisteredException(String urn, OnboardingStatus status) {
		super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "school-already-registered",
				"School already registered", "School " + urn + " is already registered (status " + status
						+ "); only a cancelled onboarding can be started again."),
				null);
		getBody().setProperty("urn", urn);
		getBody().setProperty("status", status);
	}
}
