package uk.schooldata.approvals.accessrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The data access requests and their scopes. Writes join the caller's transaction (the engine's, in a delegate).
 */
@Repository
public class AccessRequests {

	private final JdbcClient jdbc;

	AccessRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<AccessRequest> findById(String id) {
		return jdbc.sql("select * from access_request where id = :id")
			.param("id", id)
			.query((row, number) -> request(row))
			.optional();
	}

	Optional<AccessRequest> findByIdempotencyKey(String appId, String idempotencyKey) {
		return jdbc.sql("select * from access_request where app_id = :appId and idempotency_key = :key")
			.param("appId", appId)
			.param("key", idempotencyKey)
			.query((row, number) -> request(row))
			.optional();
	}

	/**
	 * Requests, newest first; {@code null} arguments do not filter.
	 */
	public List<AccessRequest> find(String schoolUrn, String appId, AccessRequestStatus status) {
		return jdbc.sql("""
				select * from access_request
				where (cast(:urn as varchar) is null or school_urn = :urn)
				  and (cast(:appId as varchar) is null or app_id = :appId)
				  and (cast(:status as varchar) is null or status = :status)
				order by submitted_at desc
				""")
			.param("urn", schoolUrn)
			.param("appId", appId)
			.param("status", status == null ? null : status.name())
			.query((row, number) -> request(row))
			.list();
	}

	List<AccessRequest> open(String appId, String schoolUrn) {
		return jdbc.sql("""
				select * from access_request where app_id = :appId and school_urn = :urn
				  and status in ('PENDING', 'AWAITING_SECOND_APPROVAL')
				""").param("appId", appId).param("urn", schoolUrn).query((row, number) -> request(row)).list();
	}

	void add(AccessRequest request, String idempotencyKey) {
		jdbc.sql("""
				insert into access_request (id, app_id, school_urn, purpose, status, idempotency_key, submitted_at,
				  deadline)
				values (:id, :appId, :urn, :purpose, :status, :key, :submittedAt, :deadline)
				""")
			.param("id", request.id())
			.param("appId", request.appId())
			.param("urn", request.schoolUrn())
			.param("purpose", request.purpose())
			.param("status", request.status().name())
			.param("key", idempotencyKey)
			.param("submittedAt", Timestamp.from(request.submittedAt()))
			.param("deadline", Timestamp.from(request.deadline()))
			.update();
		for (int position = 0; position < request.scopes().size(); position++) {
			RequestedScope scope = request.scopes().get(position);
			jdbc.sql("""
					insert into access_request_scope (request_id, scope, position, required, justification)
					values (:id, :scope, :position, :required, :justification)
					""")
				.param("id", request.id())
				.param("scope", scope.name())
				.param("position", position)
				.param("required", scope.required())
				.param("justification", scope.justification())
				.update();
		}
	}

	void recordDecision(String id, AccessRequestStatus status, List<RequestedScope> scopes, String decidedBy,
			String reason, Instant decidedAt) {
		jdbc.sql("""
				update access_request set status = :status, decided_by = :by, decision_reason = :reason,
				  decided_at = :at where id = :id
				""")
			.param("status", status.name())
			.param("by", decidedBy)
			.param("reason", reason)
			.param("at", Timestamp.from(decidedAt))
			.param("id", id)
			.update();
		recordScopeDecisions(id, scopes);
	}

	/**
	 * @param reason why the second administrator refused, kept as the request's decision reason; {@code null} keeps
	 * the reviewer's
	 */
	void recordConfirmation(String id, AccessRequestStatus status, List<RequestedScope> scopes, String confirmedBy,
			String reason, Instant confirmedAt) {
		jdbc.sql("""
				update access_request set status = :status, confirmed_by = :by, confirmed_at = :at,
				  decision_reason = coalesce(:reason, decision_reason)
				where id = :id
				""")
			.param("status", status.name())
			.param("reason", reason)
			.param("by", confirmedBy)
			.param("at", Timestamp.from(confirmedAt))
			.param("id", id)
			.update();
		recordScopeDecisions(id, scopes);
	}

	void close(String id, AccessRequestStatus status, String supersededBy) {
		jdbc.sql("update access_request set status = :status, superseded_by = :supersededBy where id = :id")
			.param("status", status.name())
			.param("supersededBy", supersededBy)
			.param("id", id)
			.update();
	}

	private void recordScopeDecisions(String id, List<RequestedScope> scopes) {
		for (RequestedScope scope : scopes) {
			jdbc.sql("update access_request_scope set decision = :decision where request_id = :id and scope = :scope")
				.param("decision", scope.decision() == null ? null : scope.decision().name())
				.param("id", id)
				.param("scope", scope.name())
				.update();
		}
	}

	private AccessRequest request(ResultSet row) throws SQLException {
		String id = row.getString("id");
		return new AccessRequest(id, row.getString("app_id"), row.getString("school_urn"), row.getString("purpose"),
				AccessRequestStatus.valueOf(row.getString("status")), scopes(id), instant(row, "submitted_at"),
				instant(row, "deadline"), instant(row, "decided_at"), row.getString("decided_by"),
				row.getString("decision_reason"), instant(row, "confirmed_at"), row.getString("confirmed_by"),
				row.getString("superseded_by"));
	}

	private List<RequestedScope> scopes(String id) {
		return jdbc.sql("select * from access_request_scope where request_id = :id order by position")
			.param("id", id)
			.query((row, number) -> new RequestedScope(row.getString("scope"), row.getBoolean("required"),
					row.getString("justification"),
					row.getString("decision") == null ? null : RequestedScope.Decision.valueOf(row.getString("decision"))))
			.list();
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
