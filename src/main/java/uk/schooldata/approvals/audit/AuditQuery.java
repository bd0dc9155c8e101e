package uk.schooldata.approvals.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which events to read.
 *
 * @param schoolUrns the schools, or empty for every school (and for events of no school)
 * @param appId one app, or {@code null}
 * @param types the event types, or empty for all
 * @param from from this instant, inclusive, or {@code null}
 * @param to before this instant, or {@code null}
 */
public record AuditQuery(List<String> schoolUrns, String appId, Set<AuditEventType> types, Instant from, Instant to) {

	public AuditQuery {
		schoolUrns = List.copyOf(schoolUrns);
		types = Set.copyOf(types);
	}
}
