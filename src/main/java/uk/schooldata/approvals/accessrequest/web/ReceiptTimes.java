package uk.schooldata.approvals.accessrequest.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times on the printable receipt, as a person in an English school reads them: "2 December 2026, 09:15 (UK time)".
 */
class ReceiptTimes {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	public String format(Instant time) {
		return time == null ? "" : FORMAT.format(time) + " (UK time)";
	}
}
