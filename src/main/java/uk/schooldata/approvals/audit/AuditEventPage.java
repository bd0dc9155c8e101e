package uk.schooldata.approvals.audit;

import java.util.List;

/**
 * One page of the audit timeline, oldest first.
 */
public record AuditEventPage(List<AuditEvent> events, int page, int size, long totalEvents, long totalPages) {
}
