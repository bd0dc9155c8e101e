package uk.schooldata.approvals.accessrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The grants: which app may receive which scope of which school. The school's dashboard and the data-flow check read
 * only the grants in force; revoked ones stay for the audit trail.
 */
@Repository
public class Grants {

	private final JdbcClient jdbc;

	Grants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Grant> inForce(String schoolUrn) {
		return jdbc.sql("""
				select * from scope_grant where school_urn = :urn and revoked_at is null order by app_id, scope
				""").param("urn", schoolUrn).query((row, number) -> grant(row)).list();
	}

	public List<Grant> inForce(String schoolUrn, String appId) {
		return jdbc.sql("""
				select * from scope_grant where school_urn = :urn and app_id = :appId and revoked_at is null
				order by scope
				""").param("urn", schoolUrn).param("appId", appId).query((row, number) -> grant(row)).list();
	}

	public Optional<Grant> inForce(String schoolUrn, String appId, String scope) {
		return jdbc.sql("""
				select * from scope_grant
				where school_urn = :urn and app_id = :appId and scope = :scope and revoked_at is null
				""")
			.param("urn", schoolUrn)
			.param("appId", appId)
			.param("scope", scope)
			.query((row, number) -> grant(row))
			.optional();
	}

	/**
	 * Every grant made from the request, revoked or not.
	 */
	public List<Grant> fromRequest(String requestId) {
		return jdbc.sql("select * from scope_grant where request_id = :id order by granted_at, scope")
			.param("id", requestId)
			.query((row, number) -> grant(row))
			.list();
	}

	/**
	 * Puts the scope in force unless it is already.
	 *
	 * @return whether it was put in force now
	 */
	boolean grant(String schoolUrn, String appId, String scope, String requestId, String grantedBy,
			Instant grantedAt) {
		if (inForce(schoolUrn, appId, scope).isPresent()) {
			return false;
		}
		return jdbc.sql("""
				insert into scope_grant (id, school_urn, app_id, scope, request_id, granted_at, granted_by)
				values (:id, :urn, :appId, :scope, :requestId, :grantedAt, :grantedBy)
				""")
			.param("id", UUID.randomUUID().toString())
			.param("urn", schoolUrn)
			.param("appId", appId)
			.param("scope", scope)
			.param("requestId", requestId)
			.param("grantedAt", Timestamp.from(grantedAt))
			.param("grantedBy", grantedBy)
			.update() == 1;
	}

	/**
	 * Revokes the scopes in force for the app; all of them when {@code scopes} is empty.
	 *
	 * @return the scopes revoked
	 */
	List<String> revoke(String schoolUrn, String appId, List<String> scopes, String revokedBy, String reason,
			Instant revokedAt) {
		List<String> revoked = inForce(schoolUrn, appId).stream()
			.map(Grant::scope)
			.filter(scope -> scopes.isEmpty() || scopes.contains(scope))
			.toList();
		for (String scope : revoked) {
			jdbc.sql("""
					update scope_grant set revoked_at = :revokedAt, revoked_by = :revokedBy, revoke_reason = :reason
					where school_urn = :urn and app_id = :appId and scope = :scope and revoked_at is null
					""")
				.param("revokedAt", Timestamp.from(revokedAt))
				.param("revokedBy", revokedBy)
				.param("reason", reason)
				.param("urn", schoolUrn)
				.param("appId", appId)
				.param("scope", scope)
				.update();
		}
		return revoked;
	}

	private static Grant grant(ResultSet row) throws SQLException {
		Timestamp revokedAt = row.getTimestamp("revoked_at");
		return new Grant(row.getString("id"), row.getString("school_urn"), row.getString("app_id"),
				row.getString("scope"), row.getString("request_id"), row.getTimestamp("granted_at").toInstant(),
				row.getString("granted_by"), revokedAt == null ? null : revokedAt.toInstant(),
				row.getString("revoked_by"), row.getString("revoke_reason"));
	}
}
