package uk.schooldata.approvals.onboarding;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What it takes to start onboarding a school.
 *
 * @param urn the school's six-digit Unique Reference Number
 * @param usesSchoolBooking whether the school uses SchoolBooking, which adds the Cover Manager MIS group
 */
public record SchoolRegistration(
		@NotNull(message = "is required") @Pattern(regexp = "\\d{6}", message = "must be exactly six digits") String urn,
		@NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
		@NotBlank(message = "is required") @Email(message = "must be an email address") @Size(max = 320,
				message = "must be at most 320 characters") String contactEmail,
		boolean usesSchoolBooking) {
}
