package uk.schooldata.approvals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database the tests run on. {@code ./mvnw verify} runs the suite twice: on H2 (the default run's database), and
 * with {@code -Dsda.test.database=postgresql} on a real PostgreSQL server (production's), so that SQL only one of them
 * accepts fails a test. The server is started once per test JVM from Maven Central's binaries (no installation) and
 * every Spring test context gets an empty database of its own on it, as every context gets its own H2 database in
 * memory ({@code application-test.yaml}).
 */
public final class TestDatabase {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	private TestDatabase() {
	}

	/**
	 * Whether this run is the PostgreSQL one.
	 */
	public static boolean isPostgres() {
		return "postgresql".equals(System.getProperty("sda.test.database"));
	}

	/**
	 * The PostgreSQL server of this test JVM, started on first use and stopped when the JVM exits.
	 */
	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop, "embedded-postgres-stop"));
		}
		return postgres;
	}

	/**
	 * A new, empty database: on the PostgreSQL server in the PostgreSQL run, otherwise an H2 database in memory.
	 * @return its JDBC URL; the user is {@code postgres} (password {@code postgres}) or {@code sa} (no password)
	 */
	public static String newDatabase(String purpose) {
		if (!isPostgres()) {
			return "jdbc:h2:mem:" + purpose + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
		}
		return newPostgresDatabase(purpose);
	}

	/**
	 * A new, empty database on the PostgreSQL server, in either run; user and password {@code postgres}.
	 * @return its JDBC URL
	 */
	public static String newPostgresDatabase(String purpose) {
		return postgres().getJdbcUrl("postgres", createPostgresDatabase(purpose));
	}

	/**
	 * A new, empty database on the PostgreSQL server, in either run.
	 * @return its name
	 */
	public static String createPostgresDatabase(String purpose) {
		String name = purpose.replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
		try (Connection connection = postgres().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name, ex);
		}
		return name;
	}

	/**
	 * The user of {@link #newDatabase}'s databases.
	 */
	public static String username() {
		return isPostgres() ? "postgres" : "sa";
	}

	/**
	 * The password of {@link #newDatabase}'s databases.
	 */
	public static String password() {
		return isPostgres() ? "postgres" : "";
	}

	private static synchronized void stop() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// The JVM is exiting; the server's process dies with it.
		}
	}

	/**
	 * Gives every Spring test context a PostgreSQL database of its own in the PostgreSQL run (registered in
	 * {@code META-INF/spring.factories}). One instance, equal to itself, so that contexts keep being shared as on H2.
	 */
	public static class PostgresCustomizerFactory implements ContextCustomizerFactory {

		private static final ContextCustomizer POSTGRES = new ContextCustomizer() {

			@Override
			public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
				context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("test-database",
							Map.of("spring.datasource.url", newDatabase("sda"), "spring.datasource.username",
									username(), "spring.datasource.password", password())));
			}
		};

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return isPostgres() ? POSTGRES : null;
		}
	}
}
