package uk.schooldata.approvals.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as Camunda's timers read it ({@code P14D}, {@code P1M}, {@code PT12H}, {@code P1DT6H}): years,
 * months and days by the calendar, then hours, minutes and seconds. The one parsing of the durations in
 * {@code app.*}: a BPMN timer gets {@link #toString()}, and a deadline shown to people is {@link #after(Instant)},
 * so both agree; {@code P1M} is a month on the calendar for both. Weeks, fractions and negative durations are
 * refused when the settings are read, so nothing starts with a duration the timers would read otherwise.
 *
 * @param text the duration as configured
 */
public record IsoDuration(String text, Period days, Duration time) {

	private static final Pattern FORMAT = Pattern
		.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

	/**
	 * @throws IllegalArgumentException when the text is not such a duration, saying what is accepted
	 */
	public static IsoDuration valueOf(String text) {
		Matcher duration = FORMAT.matcher(text == null ? "" : text.strip());
		if (!duration.matches() || duration.group().equals("P") || duration.group().endsWith("T")) {
			throw new IllegalArgumentException("'" + text + "' is not a duration the process timers can honour: use "
					+ "ISO-8601 years, months, days, hours, minutes and whole seconds, such as P14D, P1M or PT12H "
					+ "(no weeks, fractions or signs)");
		}
		return new IsoDuration(duration.group(),
				Period.of(number(duration, 1), number(duration, 2), number(duration, 3)),
				Duration.ofHours(number(duration, 4)).plusMinutes(number(duration, 5)).plusSeconds(number(duration, 6)));
	}

	/**
	 * When a timer of this duration started at {@code start} fires: calendar arithmetic in the server's time zone,
	 * as Camunda's timers do it.
	 */
	public Instant after(Instant start) {
		return start.atZone(ZoneId.systemDefault()).plus(days).plus(time).toInstant();
	}

	/**
	 * The instant this long before {@code end}, by the same calendar arithmetic as {@link #after(Instant)}.
	 */
	public Instant before(Instant end) {
		return end.atZone(ZoneId.systemDefault()).minus(days).minus(time).toInstant();
	}

	@Override
	public String toString() {
		return text;
	}

	private static int number(Matcher duration, int group) {
		return duration.group(group) == null ? 0 : Integer.parseInt(duration.group(group));
	}
}
