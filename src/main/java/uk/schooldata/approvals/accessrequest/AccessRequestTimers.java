package uk.schooldata.approvals.accessrequest;

import java.time.Duration;
import java.time.Period;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deadlines of a data access request, from {@code app.access-request.*}, as ISO-8601 durations. The BPMN timers
 * read them as {@code ${accessRequestTimers.expiry()}}.
 *
 * @param firstReminder when the school's administrators are first reminded of an undecided request
 * @param secondReminder when they are reminded again
 * @param expiry when an undecided request expires
 */
@Component("accessRequestTimers")
public record AccessRequestTimers(@Value("${app.access-request.first-reminder}") String firstReminder,
		@Value("${app.access-request.second-reminder}") String secondReminder,
		@Value("${app.access-request.expiry}") String expiry) {

	/**
	 * The expiry as a duration to add to the submission time: days as whole days (P14D), else a time-based duration.
	 */
	Duration expiryDuration() {
		return expiry.contains("T") ? Duration.parse(expiry) : Duration.ofDays(Period.parse(expiry).getDays());
	}
}
