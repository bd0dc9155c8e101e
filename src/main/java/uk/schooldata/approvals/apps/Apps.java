package uk.schooldata.approvals.apps;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registered apps.
 */
@Repository
public class Apps {

	private static final RowMapper<App> APP = (row, number) -> new App(row.getString("app_id"),
			row.getString("name"), row.getString("contact_email"), row.getString("webhook_url"),
			row.getTimestamp("registered_at").toInstant(), row.getString("registered_by"));

	private final JdbcClient jdbc;

	Apps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<App> findById(String appId) {
		return jdbc.sql("select * from app where app_id = :appId").param("appId", appId).query(APP).optional();
	}

	public List<App> findAll() {
		return jdbc.sql("select * from app order by app_id").query(APP).list();
	}

	void add(AppRegistration registration, String registeredBy, Instant now) {
		jdbc.sql("""
				insert into app (app_id, name, contact_email, webhook_url, registered_at, registered_by)
				values (:appId, :name, :contactEmail, :webhookUrl, :registeredAt, :registeredBy)
				""")
			.param("appId", registration.appId())
			.param("name", registration.name())
			.param("contactEmail", registration.contactEmail())
			.param("webhookUrl", registration.webhookUrl())
			.param("registeredAt", Timestamp.from(now))
			.param("registeredBy", registeredBy)
			.update();
	}
}
