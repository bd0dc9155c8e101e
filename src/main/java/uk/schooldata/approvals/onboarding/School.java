package uk.schooldata.approvals.onboarding;

import java.time.Instant;
import java.util.List;

/**
 * A school on the platform, identified by its URN.
 *
 * @param misUserId the platform's user in the school's MIS, once created
 * @param confirmedMisGroups the MIS permission groups the MIS has confirmed that user is in
 * @param problem why onboarding stopped, while {@link OnboardingStatus#ACTION_REQUIRED}
 */
public record School(String urn, String name, String contactEmail, boolean usesSchoolBooking, OnboardingStatus status,
		String misUserId, List<String> confirmedMisGroups, String problem, Instant registeredAt,
		Instant activatedAt) {

	public School {
		confirmedMisGroups = List.copyOf(confirmedMisGroups);
	}
}
