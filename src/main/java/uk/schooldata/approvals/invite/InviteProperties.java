package uk.schooldata.approvals.invite;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import uk.schooldata.approvals.workflow.IsoDuration;

/**
 * {@code app.invite.*}.
 *
 * @param baseUrl where invitees reach this server; the email's link is
 * {@code <baseUrl>/api/invitations/<token>/accept}
 * @param expiry how long a sent invitation works, ISO-8601 ({@code P14D}); a reinvite starts it again
 * @param reminder when, after sending, the invitee is reminded with a fresh link (ISO-8601, {@code P10D}); the
 * expiry does not move
 * @param startChunkSize how many {@code user-invite} instances a large batch starts per transaction
 */
@Validated
@ConfigurationProperties("app.invite")
record InviteProperties(@NotBlank String baseUrl, @NotNull IsoDuration expiry, @NotNull IsoDuration reminder,
		@Positive int startChunkSize) {
}
