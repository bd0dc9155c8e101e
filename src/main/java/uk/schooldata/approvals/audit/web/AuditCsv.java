package uk.schooldata.approvals.audit.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import uk.schooldata.approvals.audit.AuditEvent;

/**
 * The audit timeline as CSV (RFC 4180) that a spreadsheet opens without running any of it: a value that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe (OWASP's advice
 * against formula injection), and every value with a comma, quote or line break is quoted, quotes doubled.
 */
final class AuditCsv {

	static final List<String> HEADER = List.of("time", "type", "actor", "schoolUrn", "appId", "subject", "subjectId",
			"decision", "reason", "processInstanceId");

	private final Writer out;

	AuditCsv(Writer out) {
		this.out = out;
	}

	void header() {
		line(HEADER);
	}

	void row(AuditEvent event) {
		line(Arrays.asList(DateTimeFormatter.ISO_INSTANT.format(event.time()), event.type().name(),
				event.actor(), event.schoolUrn(), event.appId(), event.subject(), event.subjectId(), event.decision(),
				event.reason(), event.processInstanceId()));
	}

	private void line(List<String> values) {
		try {
			out.write(values.stream().map(AuditCsv::cell).collect(Collectors.joining(",")));
			out.write("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}
}
