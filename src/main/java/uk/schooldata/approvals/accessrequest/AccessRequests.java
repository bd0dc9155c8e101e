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

	/**
	 * The request the process instance works on, bound when the instance started; never found through a variable.
	 *
	 * @throws DecisionNotOnRecordException when the instance is bound to no request: it was not started by a
	 * submission
	 */
	AccessRequest boundTo(String processInstanceId) {
		return jdbc.sql("select * from access_request where process_instance_id = :instance")
			.param("instance", processInstanceId)
			.query((row, number) -> request(row))
			.optional()
			.orElseThrow(() -> new DecisionNotOnRecordException("Process instance " + processInstanceId
					+ " is bound to no data access request: only a submitted request starts one."));
	}

	/**
	 * Binds a request to the process instance that works on it, once.
	 *
	 * @return whether it was bound now; {@code false} when it was bound already or does not exist
	 */
	boolean bind(String id, String processInstanceId) {
		return jdbc.sql("update access_request set process_instance_id = :instance where id = :id"
				+ " and process_instance_id is null")
			.param("instance", processInstanceId)
			.param("id", id)
			.update() == 1;
	}

	Optional<String> instanceOf(String id) {
		return jdbc.sql("select process_instance_id from access_request where id = :id and process_instance_id is not null")
			.param("id", id)
			.query(String.class)
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

	/**
	 * @param processInstanceId the instance that works on it, when known now; otherwise {@link #bind} it later
	 * @throws org.springframework.dao.DuplicateKeyException when the app has an open request to the school already, or
	 * used the idempotency key already: another submission won
	 */
	void add(AccessRequest request, String idempotencyKey, String processInstanceId) {
		jdbc.sql("""
				insert into access_request (id, app_id, school_urn, purpose, status, idempotency_key, submitted_at,
				  deadline, open_for, process_instance_id)
				values (:id, :appId, :urn, :purpose, :status, :key, :submittedAt, :deadline, :openFor, :instance)
				""")
			.param("id", request.id())
			.param("appId", request.appId())
			.param("urn", request.schoolUrn())
			.param("purpose", request.purpose())
			.param("status", request.status().name())
			.param("key", idempotencyKey)
			.param("submittedAt", Timestamp.from(request.submittedAt()))
			.param("deadline", Timestamp.from(request.deadline()))
			.param("openFor", openFor(request.appId(), request.schoolUrn(), request.status()))
			.param("instance", processInstanceId)
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

	/**
	 * Records the reviewer's decision on a request still {@code PENDING}.
	 *
	 * @return whether it was recorded; {@code false} when the request was no longer pending (someone else decided)
	 */
	boolean recordDecision(AccessRequest request, AccessRequestStatus status, List<RequestedScope> scopes,
			String decidedBy, String reason, Instant decidedAt) {
		int updated = jdbc.sql("""
				update access_request set status = :status, open_for = :openFor, decided_by = :by,
				  decision_reason = :reason, decided_at = :at
				where id = :id and status = 'PENDING'
				""")
			.param("status", status.name())
			.param("openFor", openFor(request.appId(), request.schoolUrn(), status))
			.param("by", decidedBy)
			.param("reason", reason)
			.param("at", Timestamp.from(decidedAt))
			.param("id", request.id())
			.update();
		if (updated == 1) {
			recordScopeDecisions(request.id(), scopes);
		}
		return updated == 1;
	}

	/**
	 * @param reason why the second administrator refused, kept as the request's decision reason; {@code null} keeps
	 * the reviewer's
	 */
	boolean recordConfirmation(AccessRequest request, AccessRequestStatus status, List<RequestedScope> scopes,
			String confirmedBy, String reason, Instant confirmedAt) {
		int updated = jdbc.sql("""
				update access_request set status = :status, open_for = null, confirmed_by = :by, confirmed_at = :at,
				  decision_reason = coalesce(:reason, decision_reason)
				where id = :id and status = 'AWAITING_SECOND_APPROVAL' and decided_by <> :by
				""")
			.param("status", status.name())
			.param("reason", reason)
			.param("by", confirmedBy)
			.param("at", Timestamp.from(confirmedAt))
			.param("id", request.id())
			.update();
		if (updated == 1) {
			recordScopeDecisions(request.id(), scopes);
		}
		return updated == 1;
	}

	/**
	 * Closes a request that is still open: expired, withdrawn or superseded.
	 *
	 * @return whether it was open and is closed now
	 */
	boolean close(String id, AccessRequestStatus status, String supersededBy, Instant at) {
		return jdbc.sql("""
				update access_request set status = :status, open_for = null, superseded_by = :supersededBy,
				  closed_at = :at
				where id = :id and status in ('PENDING', 'AWAITING_SECOND_APPROVAL')
				""")
			.param("status", status.name())
			.param("supersededBy", supersededBy)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Marks the request's grants recorded, once.
	 *
	 * @return {@code false} when they were recorded before
	 */
	boolean markGrantsRecorded(String id, Instant at) {
		return jdbc.sql("update access_request set grants_recorded_at = :at where id = :id and grants_recorded_at is null")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update() == 1;
	}

	private static String openFor(String appId, String schoolUrn, AccessRequestStatus status) {
		return status.isOpen() ? appId + ":" + schoolUrn : null;
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
				row.getString("superseded_by"), instant(row, "grants_recorded_at"));
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
