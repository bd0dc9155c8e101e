package uk.schooldata.approvals.audit.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import uk.schooldata.approvals.audit.AuditEventPage;
import uk.schooldata.approvals.audit.AuditEventType;
import uk.schooldata.approvals.audit.AuditEvents;
import uk.schooldata.approvals.audit.AuditQuery;
import uk.schooldata.approvals.audit.ChainReport;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.AcceptHeaders;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.web.Problems;

/**
 * The audit API: the timeline of everything that happened, as JSON pages or one CSV, and whether the decision record
 * is intact. Auditors and platform operators read every school; a school's administrators read their own schools.
 * Apps may not.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final int DEFAULT_SIZE = 50;

	private static final int MAX_SIZE = 500;

	private final DecisionLedger ledger;

	private final AuditEvents events;

	private final ObjectMapper objectMapper;

	AuditController(DecisionLedger ledger, AuditEvents events, ObjectMapper objectMapper) {
		this.ledger = ledger;
		this.events = events;
		this.objectMapper = objectMapper.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
	}

	/**
	 * @param schoolUrn one school's chain; without it, every chain the caller may read
	 */
	@GetMapping("/verify")
	ChainReport verify(@RequestParam(required = false) String schoolUrn, @AuthenticationPrincipal Caller caller) {
		return ledger.verify(readableSchools(schoolUrn, caller));
	}

	/**
	 * The timeline, oldest first: one page as JSON, or everything that matches as CSV when the caller asks for
	 * {@code text/csv} by name. A CSV export streams as the database hands the rows over, so years of a large school
	 * never sit in memory.
	 *
	 * @param type one or more event types, comma-separated
	 * @param from a date ({@code 2026-09-01}, from its start) or an instant, inclusive
	 * @param to a date (to its end) or an instant, exclusive
	 * @param page from 0; JSON only
	 * @param size events per page, 1 to 500; JSON only
	 */
	@GetMapping("/events")
	ResponseEntity<StreamingResponseBody> events(@RequestParam(required = false) String schoolUrn,
			@RequestParam(required = false) String appId, @RequestParam(required = false) String type,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) String size,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@AuthenticationPrincipal Caller caller) {
		List<FieldProblem> problems = new ArrayList<>();
		AuditQuery query = query(schoolUrn, appId, type, from, to, caller, problems);
		int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_SIZE, problems);
		int pageSize = number("size", size, 1, MAX_SIZE, problems);
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		if (!AcceptHeaders.asksFor(accept, TEXT_CSV)) {
			AuditEventPage found = events.page(query, pageNumber, pageSize);
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(stream -> objectMapper.writeValue(stream, found));
		}
		StreamingResponseBody body = stream -> {
			BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
			AuditCsv csv = new AuditCsv(writer);
			csv.header();
			events.forEach(query, csv::row);
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("audit-events.csv").build().toString())
			.body(body);
	}

	private AuditQuery query(String schoolUrn, String appId, String type, String from, String to, Caller caller,
			List<FieldProblem> problems) {
		List<String> schools = readableSchools(schoolUrn, caller);
		Instant start = instant("from", from, false, problems);
		Instant end = instant("to", to, true, problems);
		if (start != null && end != null && !start.isBefore(end)) {
			problems.add(new FieldProblem("to", "must be after from"));
		}
		return new AuditQuery(schools, blankToNull(appId), types(type, problems), start, end);
	}

	/**
	 * The schools whose events the caller may read: the one asked for, or every school (an empty list) for auditors
	 * and platform operators, or the caller's own schools.
	 */
	private static List<String> readableSchools(String schoolUrn, Caller caller) {
		if (caller.isApp()) {
			throw Problems.forbidden("Apps may not read the audit record.");
		}
		if (schoolUrn != null && !schoolUrn.isBlank()) {
			if (!caller.canRead(schoolUrn)) {
				throw Problems.forbidden("You may read only your own school's audit record.");
			}
			return List.of(schoolUrn);
		}
		if (caller.isAuditor() || caller.isPlatformAdmin()) {
			return List.of();
		}
		List<String> ownSchools = caller.tenants().stream().filter(caller::isSchoolAdminOf).sorted().toList();
		if (ownSchools.isEmpty()) {
			throw Problems.forbidden("Only auditors, platform operators and school administrators may read the "
					+ "audit record.");
		}
		return ownSchools;
	}

	private static Set<AuditEventType> types(String type, List<FieldProblem> problems) {
		if (type == null || type.isBlank()) {
			return Set.of();
		}
		Set<AuditEventType> types = EnumSet.noneOf(AuditEventType.class);
		for (String name : type.split(",")) {
			try {
				types.add(AuditEventType.valueOf(name.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException unknown) {
				problems.add(new FieldProblem("type", "has no event type '" + name.trim() + "'; the types are "
						+ Arrays.stream(AuditEventType.values()).map(Enum::name).collect(Collectors.joining(", "))));
			}
		}
		return types;
	}

	/**
	 * @param endOfDay whether a date means the end of that day (for {@code to}) rather than its start
	 */
	private static Instant instant(String field, String value, boolean endOfDay, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value.trim());
			return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException notADate) {
			try {
				return Instant.parse(value.trim());
			}
			catch (DateTimeParseException notAnInstant) {
				problems.add(new FieldProblem(field,
						"must be a date such as 2026-09-01 or an instant such as 2026-09-01T08:00:00Z"));
				return null;
			}
		}
	}

	private static int number(String field, String value, int min, int max, List<FieldProblem> problems) {
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException notANumber) {
			// Reported below.
		}
		problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
		return min;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
