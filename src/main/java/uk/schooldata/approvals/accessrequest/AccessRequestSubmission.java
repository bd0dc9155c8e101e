package uk.schooldata.approvals.accessrequest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an app sends to ask a school for data.
 */
public record AccessRequestSubmission(
		@NotNull(message = "is required") @Pattern(regexp = "\\d{6}", message = "must be exactly six digits") String schoolUrn,
		@NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String purpose,
		@NotEmpty(message = "must name at least one scope") List<@Valid @NotNull(message = "must not be null") ScopeRequest> scopes) {

	/**
	 * @param required whether the app cannot work without it; a school may untick optional scopes only
	 * @param justification why the app needs it; required for special-category scopes
	 */
	public record ScopeRequest(@NotBlank(message = "is required") String name, boolean required,
			@Size(max = 2000, message = "must be at most 2000 characters") String justification) {
	}
}
