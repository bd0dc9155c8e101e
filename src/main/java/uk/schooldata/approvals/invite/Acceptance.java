package uk.schooldata.approvals.invite;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An invitee's external account, as the sign-in with that provider established it.
 */
public record Acceptance(@NotNull ExternalProvider provider, @NotBlank @Size(max = 255) String externalSubject,
		@Size(max = 320) String externalEmail) {
}
