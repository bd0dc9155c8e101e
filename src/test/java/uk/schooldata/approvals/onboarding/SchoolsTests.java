package uk.schooldata.approvals.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

import uk.schooldata.approvals.TestDatabase;

/**
 * {@link Schools} on a pool of one connection: a read that needs a second connection while it holds the first waits
 * for a connection that never comes. Under load the same read holds every connection of the real pool and waits for
 * one more, and every request stalls until the pool times out.
 */
class SchoolsTests {

	static final Instant NOW = Instant.parse("2025-09-01T08:30:00Z");

	HikariDataSource oneConnection;

	Schools schools;

	@BeforeEach
	void schoolsOnAPoolOfOneConnection() {
		String url = TestDatabase.newDatabase("schools");
		Flyway.configure()
			.dataSource(new DriverManagerDataSource(url, TestDatabase.username(), TestDatabase.password()))
			.load()
			.migrate();
		oneConnection = new HikariDataSource();
		oneConnection.setJdbcUrl(url);
		oneConnection.setUsername(TestDatabase.username());
		oneConnection.setPassword(TestDatabase.password());
		oneConnection.setMaximumPoolSize(1);
		oneConnection.setConnectionTimeout(250);
		schools = new Schools(JdbcClient.create(oneConnection));
	}

	@AfterEach
	void closePool() {
		oneConnection.close();
	}

	@Test
	void findsASchoolWithItsConfirmedMisGroupsOnOneConnectionAtATime() {
		SchoolRegistration hillside = SchoolRegistrations.hillsideAcademy("200001");
		schools.register(hillside, NOW, "instance-of-" + hillside.urn());
		schools.recordConfirmedMisGroups(hillside.urn(), List.of("Class Teacher", "Administration Assistant"), NOW);
		schools.markActive(hillside.urn(), NOW);

		School found = schools.findByUrn(hillside.urn()).orElseThrow();

		assertThat(found.status()).isEqualTo(OnboardingStatus.ACTIVE);
		assertThat(found.confirmedMisGroups()).containsExactly("Administration Assistant", "Class Teacher");
		assertThat(found.activatedAt()).isEqualTo(NOW);
	}

	@Test
	void findsNoSchoolForAnUnknownUrn() {
		assertThat(schools.findByUrn("200002")).isEmpty();
	}
}
