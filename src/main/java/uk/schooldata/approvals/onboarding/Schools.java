package uk.schooldata.approvals.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The schools on the platform. Writes join the caller's transaction, which for a delegate is the engine's: a step's
 * domain change commits together with the step, or not at all.
 */
@Repository
public class Schools {

	private final JdbcClient jdbc;

	Schools(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<School> findByUrn(String urn) {
		// Two queries one after the other, never one inside the other's row mapper: outside a transaction that holds
		// a pooled connection while waiting for a second, and under load every connection ends up waiting.
		List<String> confirmedMisGroups = confirmedMisGroups(urn);
		return jdbc.sql("select * from school where urn = :urn")
			.param("urn", urn)
			.query((row, number) -> school(row, confirmedMisGroups))
			.optional();
	}

	/**
	 * The school the {@code school-onboarding} instance works on, bound when it started; never found through a
	 * variable.
	 *
	 * @throws IllegalStateException when the instance is bound to no school
	 */
	School boundTo(String processInstanceId) {
		String urn = jdbc.sql("select urn from school where onboarding_instance_id = :instance")
			.param("instance", processInstanceId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("Process instance " + processInstanceId
					+ " is bound to no school: only a registration starts an onboarding."));
		return findByUrn(urn).orElseThrow();
	}

	/**
	 * Records a new school as {@link OnboardingStatus#ONBOARDING}, or starts a cancelled one again.
	 *
	 * @throws SchoolAlreadyRegisteredException when the school is onboarding or onboarded already
	 */
	void register(SchoolRegistration registration, Instant now, String processInstanceId) {
		Optional<OnboardingStatus> existing = findByUrn(registration.urn()).map(School::status);
		if (existing.isPresent() && existing.get().isInProgressOrDone()) {
			throw new SchoolAlreadyRegisteredException(registration.urn(), existing.get());
		}
		if (existing.isPresent()) {
			jdbc.sql("""
					update school set name = :name, contact_email = :contactEmail,
					  uses_school_booking = :usesSchoolBooking, status = 'ONBOARDING', mis_user_id = null,
					  problem = null, registered_at = :now, activated_at = null, onboarding_instance_id = :instance
					where urn = :urn
					""").params(columnsOf(registration)).param("now", Timestamp.from(now))
				.param("instance", processInstanceId).update();
			jdbc.sql("delete from school_mis_group where urn = :urn").param("urn", registration.urn()).update();
			return;
		}
		try {
			jdbc.sql("""
					insert into school (urn, name, contact_email, uses_school_booking, status, registered_at,
					  onboarding_instance_id)
					values (:urn, :name, :contactEmail, :usesSchoolBooking, 'ONBOARDING', :now, :instance)
					""").params(columnsOf(registration)).param("now", Timestamp.from(now))
				.param("instance", processInstanceId).update();
		}
		catch (DuplicateKeyException ex) {
			// Registered by a concurrent request since we looked.
			throw new SchoolAlreadyRegisteredException(registration.urn(), OnboardingStatus.ONBOARDING);
		}
	}

	private static Map<String, Object> columnsOf(SchoolRegistration registration) {
		return Map.of("urn", registration.urn(), "name", registration.name(), "contactEmail",
				registration.contactEmail(), "usesSchoolBooking", registration.usesSchoolBooking());
	}

	void recordMisUser(String urn, String misUserId) {
		jdbc.sql("update school set mis_user_id = :misUserId where urn = :urn")
			.param("misUserId", misUserId)
			.param("urn", urn)
			.update();
	}

	void recordConfirmedMisGroups(String urn, Collection<String> groups, Instant now) {
		jdbc.sql("delete from school_mis_group where urn = :urn").param("urn", urn).update();
		for (String group : groups) {
			jdbc.sql("insert into school_mis_group (urn, mis_group, confirmed_at) values (:urn, :group, :now)")
				.param("urn", urn)
				.param("group", group)
				.param("now", Timestamp.from(now))
				.update();
		}
	}

	void recordProblem(String urn, String problem) {
		jdbc.sql("update school set status = 'ACTION_REQUIRED', problem = :problem where urn = :urn")
			.param("problem", problem)
			.param("urn", urn)
			.update();
	}

	void resumeOnboarding(String urn) {
		jdbc.sql("update school set status = 'ONBOARDING', problem = null where urn = :urn").param("urn", urn).update();
	}

	void markActive(String urn, Instant now) {
		jdbc.sql("update school set status = 'ACTIVE', activated_at = :now where urn = :urn")
			.param("now", Timestamp.from(now))
			.param("urn", urn)
			.update();
	}

	void markCancelled(String urn) {
		jdbc.sql("update school set status = 'CANCELLED' where urn = :urn").param("urn", urn).update();
	}

	private static School school(ResultSet row, List<String> confirmedMisGroups) throws SQLException {
		Timestamp activatedAt = row.getTimestamp("activated_at");
		return new School(row.getString("urn"), row.getString("name"), row.getString("contact_email"),
				row.getBoolean("uses_school_booking"), OnboardingStatus.valueOf(row.getString("status")),
				row.getString("mis_user_id"), confirmedMisGroups, row.getString("problem"),
				row.getTimestamp("registered_at").toInstant(), activatedAt == null ? null : activatedAt.toInstant());
	}

	private List<String> confirmedMisGroups(String urn) {
		return jdbc.sql("select mis_group from school_mis_group where urn = :urn order by mis_group")
			.param("urn", urn)
			.query(String.class)
			.list();
	}
}
