package uk.schooldata.approvals.accessrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The revocations schools made: who revoked what, why, and what it ended. Each is bound to its
 * {@code grant-revocation} instance, whose delegates read it from here.
 */
@Repository
class GrantRevocations {

	private static final Pattern DEPENDANT = Pattern.compile("(\\S+) \\(needs (\\S+)\\)");

	private final JdbcClient jdbc;

	GrantRevocations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Revocation revocation) {
		jdbc.sql("""
				insert into grant_revocation (id, school_urn, app_id, scope, revoked_by, reason, requested_at)
				values (:id, :urn, :appId, :scope, :revokedBy, :reason, :requestedAt)
				""")
			.param("id", revocation.id())
			.param("urn", revocation.schoolUrn())
			.param("appId", revocation.appId())
			.param("scope", revocation.scope())
			.param("revokedBy", revocation.revokedBy())
			.param("reason", revocation.reason())
			.param("requestedAt", Timestamp.from(revocation.requestedAt()))
			.update();
	}

	/**
	 * @return whether the revocation was bound now; {@code false} when it was bound already or does not exist
	 */
	boolean bind(String id, String processInstanceId) {
		return jdbc.sql("update grant_revocation set process_instance_id = :instance where id = :id"
				+ " and process_instance_id is null")
			.param("instance", processInstanceId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * @throws DecisionNotOnRecordException when the instance is bound to no revocation
	 */
	Revocation boundTo(String processInstanceId) {
		return jdbc.sql("select * from grant_revocation where process_instance_id = :instance")
			.param("instance", processInstanceId)
			.query((row, number) -> revocation(row))
			.optional()
			.orElseThrow(() -> new DecisionNotOnRecordException("Process instance " + processInstanceId
					+ " is bound to no revocation: only a school's revocation starts one."));
	}

	/**
	 * Records what the revocation ended, once.
	 *
	 * @return {@code false} when it was recorded before
	 */
	boolean recordRevoked(String id, List<String> revokedScopes, Map<String, String> dependants, Instant at) {
		return jdbc.sql("""
				update grant_revocation set revoked_at = :at, revoked_scopes = :scopes, dependants_revoked = :dependants
				where id = :id and revoked_at is null
				""")
			.param("at", Timestamp.from(at))
			.param("scopes", String.join(",", revokedScopes))
			.param("dependants", dependants.entrySet()
				.stream()
				.map(dependant -> dependant(dependant.getKey(), dependant.getValue()))
				.collect(Collectors.joining(",")))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * How a dependant scope revoked with its parent is written, here and in the revocation's history.
	 */
	static String dependant(String scope, String parent) {
		return scope + " (needs " + parent + ")";
	}

	private static Revocation revocation(ResultSet row) throws SQLException {
		Timestamp revokedAt = row.getTimestamp("revoked_at");
		Map<String, String> dependants = new LinkedHashMap<>();
		for (String entry : list(row.getString("dependants_revoked"))) {
			Matcher dependant = DEPENDANT.matcher(entry);
			if (dependant.matches()) {
				dependants.put(dependant.group(1), dependant.group(2));
			}
		}
		return new Revocation(row.getString("id"), row.getString("school_urn"), row.getString("app_id"),
				row.getString("scope"), row.getString("revoked_by"), row.getString("reason"),
				row.getTimestamp("requested_at").toInstant(), revokedAt == null ? null : revokedAt.toInstant(),
				list(row.getString("revoked_scopes")), dependants);
	}

	private static List<String> list(String commaSeparated) {
		return commaSeparated == null || commaSeparated.isBlank() ? List.of()
				: Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
	}
}
