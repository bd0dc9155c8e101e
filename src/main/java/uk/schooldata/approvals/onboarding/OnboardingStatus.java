package uk.schooldata.approvals.onboarding;

/**
 * Where a school is in onboarding.
 */
public enum OnboardingStatus {

	/** The MIS side is being set up. */
	ONBOARDING,

	/** The MIS refused; a platform operator has to retry or cancel in Tasklist. */
	ACTION_REQUIRED,

	/** The MIS user exists in every required permission group and the school has been told. */
	ACTIVE,

	/** A platform operator cancelled onboarding; the school may be registered again. */
	CANCELLED;

	boolean isInProgressOrDone() {
		return this != CANCELLED;
	}
}
