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

	/**
	 * Where to send an app's webhooks and the secret to sign them with.
	 *
	 * @throws IllegalArgumentException when no such app is registered
	 * @throws IllegalStateException when the app has no webhook secret: it was registered before apps had one
	 */
	public WebhookTarget webhookTarget(String appId) {
		return jdbc.sql("select webhook_url, webhook_secret from app where app_id = :appId")
			.param("appId", appId)
			.query((row, number) -> {
				String secret = row.getString("webhook_secret");
				if (secret == null) {
					throw new IllegalStateException("App " + appId + " has no webhook signing secret: it was registered"
							+ " before apps were given one, and its webhooks cannot be signed");
				}
				return new WebhookTarget(row.getString("webhook_url"), secret);
			})
			.optional()
			.orElseThrow(() -> new IllegalArgumentException("No app with id '" + appId + "' is registered"));
	}

	void add(AppRegistration registration, String webhookSecret, String registeredBy, Instant now) {
		jdbc.sql("""
				insert into app (app_id, name, contact_email, webhook_url, webhook_secret, registered_at, registered_by)
				values (:appId, :name, :contactEmail, :webhookUrl, :webhookSecret, :registeredAt, :registeredBy)
				""")
			.param("appId", registration.appId())
			.param("name", registration.name())
			.param("contactEmail", registration.contactEmail())
			.param("webhookUrl", registration.webhookUrl())
			.param("webhookSecret", webhookSecret)
			.param("registeredAt", Timestamp.from(now))
			.param("registeredBy", registeredBy)
			.update();
	}

	/**
	 * @return whether the app was given the secret: {@code false} when it has one already, or does not exist
	 */
	boolean setWebhookSecretIfMissing(String appId, String webhookSecret) {
		return jdbc.sql("""
				update app set webhook_secret = :webhookSecret
				where app_id = :appId and webhook_secret is null
				""")
			.param("appId", appId)
			.param("webhookSecret", webhookSecret)
			.update() == 1;
	}
}
