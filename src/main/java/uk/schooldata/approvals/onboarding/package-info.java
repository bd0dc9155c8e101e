/**
 * School onboarding: the {@code school-onboarding} process that opens the MIS tap for a school (the platform's MIS
 * user and its permission groups), the {@code school} table that records it, and the API that starts it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "School onboarding")
package uk.schooldata.approvals.onboarding;
