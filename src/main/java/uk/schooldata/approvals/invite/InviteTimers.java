package uk.schooldata.approvals.invite;

import java.time.Duration;
import java.time.Period;

import org.springframework.stereotype.Component;

/**
 * The timers of {@code user-invite}, as ISO-8601 durations from {@code app.invite.*}; the BPMN reads them as
 * {@code ${inviteTimers.expiry()}} and {@code ${inviteTimers.reminder()}}.
 */
@Component("inviteTimers")
public class InviteTimers {

	private final InviteProperties properties;

	InviteTimers(InviteProperties properties) {
		this.properties = properties;
	}

	public String expiry() {
		return properties.expiry();
	}

	public String reminder() {
		return properties.reminder();
	}

	/**
	 * The expiry as a duration to add to the sending time: days as whole days (P14D), else a time-based duration.
	 */
	Duration expiryDuration() {
		String expiry = properties.expiry();
		return expiry.contains("T") ? Duration.parse(expiry) : Duration.ofDays(Period.parse(expiry).getDays());
	}
}
