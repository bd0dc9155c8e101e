package uk.schooldata.approvals.audit;

import java.time.Instant;

/**
 * One thing that happened, as an auditor reads it.
 *
 * @param actor the user, the app (its id) or {@code system} for what the processes did by themselves
 * @param subject what it happened to, in words: the request's purpose, the invitee, the school, the failed step
 * @param subjectId the id of the request, revocation, invite, school or incident
 * @param decision what was decided or asked for, e.g. {@code approved: students.basic; declined: students.photo}
 */
public record AuditEvent(Instant time, AuditEventType type, String actor, String schoolUrn, String appId,
		String subject, String subjectId, String decision, String reason, String processInstanceId) {
}
