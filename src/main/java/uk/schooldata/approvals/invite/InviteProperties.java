package uk.schooldata.approvals.invite;

import java.text.ParseException;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import uk.schooldata.approvals.workflow.IsoDuration;

/**
 * {@code app.invite.*}.
 *
 * @param baseUrl where invitees reach this server; the email's link is
 * {@code <baseUrl>/invitations/<token>}
 * @param expiry how long a sent invitation works, ISO-8601 ({@code P14D}); a reinvite starts it again
 * @param reminder when, after sending, the invitee is reminded with a fresh link (ISO-8601, {@code P10D}); the
 * expiry does not move
 * @param startChunkSize how many {@code user-invite} instances one job of an {@code invite-batch} starts
 * @param digestCron when the morning digest of expired invitations goes out: a cron expression as Camunda's timers
 * read it (seconds, minutes, hours, day of month, month, day of week: {@code 0 0 7 * * ?})
 * @param personalDataRetention how long after an invite ended without an account (expired, cancelled, failed) its
 * invitee's name, email addresses and account ids are kept (ISO-8601, {@code P90D}); README, "Retention"
 * @param erasureCron when the nightly erasure of that personal data runs (cron, as {@code digestCron})
 * @param linkKey the secret key the links' tokens are derived from (HMAC-SHA256, at least 32 characters): a retried
 * or repeated send of one invitation carries the same working link ({@code InviteTokens}); {@code INVITE_LINK_KEY} in
 * prod
 */
@Validated
@ConfigurationProperties("app.invite")
record InviteProperties(@NotBlank String baseUrl, @NotNull IsoDuration expiry, @NotNull IsoDuration reminder,
		@Positive int startChunkSize, @NotBlank String digestCron, @NotNull IsoDuration personalDataRetention,
		@NotBlank String erasureCron, @NotBlank @Size(min = 32) String linkKey) {

	InviteProperties {
		checkCron("app.invite.digest-cron", digestCron);
		checkCron("app.invite.erasure-cron", erasureCron);
	}

	@Override
	public String toString() {
		return "InviteProperties[baseUrl=" + baseUrl + ", expiry=" + expiry + ", reminder=" + reminder
				+ ", linkKey=(hidden)]";
	}

	private static void checkCron(String key, String cron) {
		if (cron != null && !cron.isBlank()) {
			try {
				CronTimer.parse(cron);
			}
			catch (ParseException | RuntimeException ex) {
				throw new IllegalArgumentException(key + ": '" + cron + "' is not a cron expression the process "
						+ "timers understand; give six fields, seconds to day of week, such as 0 0 7 * * ?", ex);
			}
		}
	}
}
