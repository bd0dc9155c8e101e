package uk.schooldata.approvals.audit.cockpit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which instances the list shows. Absent filters are {@code null}.
 *
 * @param processKey one process definition key
 * @param schoolUrn one school
 * @param appId one app
 * @param status running, completed, cancelled or terminated, or with an incident
 * @param startedFrom started at or after this instant
 * @param startedTo started before this instant
 * @param firstResult from 0
 * @param maxResults the page size
 */
record InstanceSearch(String processKey, String schoolUrn, String appId, StatusFilter status, Instant startedFrom,
		Instant startedTo, int firstResult, int maxResults) {

	static final int DEFAULT_PAGE_SIZE = 25;

	static final int MAX_PAGE_SIZE = 200;

	private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

	private static final Pattern URN = Pattern.compile("\\d{6}");

	private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_.-]{1,63}");

	/**
	 * Reads the query parameters as the client sent them.
	 *
	 * @throws IllegalArgumentException naming the parameter that is not what it should be, in words for the client
	 */
	static InstanceSearch of(String processKey, String schoolUrn, String appId, String status, String startedFrom,
			String startedTo, String firstResult, String maxResults) {
		Instant from = instant("startedFrom", startedFrom);
		Instant to = instant("startedTo", startedTo);
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("startedFrom must be before startedTo.");
		}
		return new InstanceSearch(matching("processKey", processKey, PROCESS_KEY, "a process key"),
				matching("schoolUrn", schoolUrn, URN, "a six-digit URN"),
				matching("appId", appId, APP_ID, "an app id"), statusOf(status), from, to,
				number("firstResult", firstResult, 0, 0, Integer.MAX_VALUE),
				number("maxResults", maxResults, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
	}

	private static String matching(String name, String value, Pattern pattern, String what) {
		String given = blankToNull(value);
		if (given != null && !pattern.matcher(given).matches()) {
			throw new IllegalArgumentException(name + " must be " + what + ".");
		}
		return given;
	}

	private static StatusFilter statusOf(String value) {
		String given = blankToNull(value);
		if (given == null) {
			return null;
		}
		try {
			return StatusFilter.valueOf(given.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw new IllegalArgumentException("status must be one of RUNNING, COMPLETED, TERMINATED, INCIDENT.");
		}
	}

	private static Instant instant(String name, String value) {
		String given = blankToNull(value);
		if (given == null) {
			return null;
		}
		try {
			return Instant.parse(given);
		}
		catch (DateTimeParseException unreadable) {
			throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2025-09-01T00:00:00Z.");
		}
	}

	private static int number(String name, String value, int absent, int min, int max) {
		String given = blankToNull(value);
		if (given == null) {
			return absent;
		}
		try {
			int number = Integer.parseInt(given);
			if (number < min || number > max) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException invalid) {
			throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ".");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
