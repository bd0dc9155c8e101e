package uk.schooldata.approvals.mis.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisProperties;
import uk.schooldata.approvals.mis.MisRefusedException.Reason;
import uk.schooldata.approvals.mis.MisUser;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.StudentFilter;

/**
 * The schools' MIS, simulated in memory: what {@link MisSimulatorController} serves over HTTP.
 * <p>
 * Every school's staff, students, contacts and groups are generated from its URN, the same every time; MIS users
 * and their group memberships are kept for as long as the application runs. Schools can be refused as unknown or
 * forbidden, and a share of requests can be made to fail or to be slow, from configuration
 * ({@code app.mis.simulator.*}) or at runtime ({@link #refuse}, {@link #failWith}, {@link #delay}, {@link #reset}),
 * to demonstrate and test MIS problems.
 */
@Component
@ConditionalOnBooleanProperty(name = "app.mis.simulator.enabled", matchIfMissing = true)
public class MisSimulator {

	private static final Logger LOG = LoggerFactory.getLogger(MisSimulator.class);

	private final MisProperties.Simulator settings;

	private final Map<String, SchoolData> schools = new ConcurrentHashMap<>();

	private final Map<String, SchoolUsers> users = new ConcurrentHashMap<>();

	private final Map<String, Reason> refusals = new ConcurrentHashMap<>();

	private volatile double errorRate;

	private volatile Duration latency;

	MisSimulator(MisProperties properties) {
		this.settings = properties.simulator();
		this.errorRate = settings.errorRate();
		this.latency = settings.latency();
	}

	public List<StaffMember> staff(String urn) {
		return school(urn).staff();
	}

	public List<Student> students(String urn, StudentFilter filter) {
		return school(urn).students()
			.stream()
			.filter(student -> filter.yearGroup() == null || student.yearGroup() == filter.yearGroup())
			.filter(student -> filter.registrationGroup() == null
					|| student.registrationGroup().equals(filter.registrationGroup()))
			.toList();
	}

	public List<Contact> contacts(String urn) {
		return school(urn).contacts();
	}

	public Optional<StaffMember> staffMember(String urn, String staffId) {
		return school(urn).staff().stream().filter(staff -> staff.id().equals(staffId)).findFirst();
	}

	public Optional<Student> student(String urn, String studentId) {
		return school(urn).students().stream().filter(student -> student.id().equals(studentId)).findFirst();
	}

	public Optional<Contact> contact(String urn, String contactId) {
		return school(urn).contacts().stream().filter(contact -> contact.id().equals(contactId)).findFirst();
	}

	public List<MisGroup> groups(String urn) {
		return school(urn).groups();
	}

	/**
	 * The MIS user with this username at the school, if there is one.
	 */
	public Optional<MisUser> user(String urn, String username) {
		return usersAt(urn).withUsername(username);
	}

	/**
	 * How many MIS users have been created at the school.
	 */
	public int userCount(String urn) {
		return usersAt(urn).count();
	}

	/**
	 * Makes this share of requests, from 0.0 to 1.0, fail with 503 until {@link #reset()}.
	 */
	public void failWith(double errorRate) {
		Assert.isTrue(errorRate >= 0.0 && errorRate <= 1.0, "The error rate must be between 0.0 and 1.0");
		this.errorRate = errorRate;
		LOG.info("MIS simulator now fails {} of requests", errorRate);
	}

	/**
	 * Adds this latency to every request until {@link #reset()}.
	 */
	public void delay(Duration latency) {
		Assert.isTrue(!latency.isNegative(), "The latency must not be negative");
		this.latency = latency;
		LOG.info("MIS simulator now answers after {}", latency);
	}

	/**
	 * Refuses every request about the school, as unknown or forbidden, until {@link #reset()}.
	 */
	public void refuse(String urn, Reason reason) {
		refusals.put(urn, reason);
		LOG.info("MIS simulator now refuses school {}: {}", urn, reason);
	}

	/**
	 * Goes back to the configured error rate, latency and refusals. Users and their groups are kept.
	 */
	public void reset() {
		this.errorRate = settings.errorRate();
		this.latency = settings.latency();
		refusals.clear();
		LOG.info("MIS simulator reset to its configuration");
	}

	/**
	 * Whether and why the MIS refuses requests about the school: told at runtime, or configured.
	 */
	Optional<Reason> refusal(String urn) {
		Reason refusal = refusals.get(urn);
		if (refusal != null) {
			return Optional.of(refusal);
		}
		if (settings.unknownSchools().contains(urn)) {
			return Optional.of(Reason.UNKNOWN_SCHOOL);
		}
		if (settings.forbiddenSchools().contains(urn)) {
			return Optional.of(Reason.FORBIDDEN);
		}
		return Optional.empty();
	}

	/**
	 * Waits as long as the latency says; then whether this request is one of those that fail.
	 */
	boolean delayAndDecideFailure() {
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return ThreadLocalRandom.current().nextDouble() < errorRate;
	}

	/**
	 * Creates a user, unless the school already has one with this username.
	 */
	Optional<MisUser> createUser(String urn, String username) {
		return usersAt(urn).create(username);
	}

	Optional<MisUser> userWithId(String urn, String userId) {
		return usersAt(urn).withId(userId);
	}

	/**
	 * Adds the user to the group, if the school has this user; once in, a user stays in the group just once.
	 */
	Optional<MisUser> addToGroup(String urn, String userId, MisPermissionGroup group) {
		return usersAt(urn).addToGroup(userId, group.misName());
	}

	private SchoolData school(String urn) {
		return schools.computeIfAbsent(urn, SchoolDataGenerator::generate);
	}

	private SchoolUsers usersAt(String urn) {
		return users.computeIfAbsent(urn, SchoolUsers::new);
	}

	/**
	 * One school's MIS users, with ids {@code MISU-<urn>-1}, {@code -2}…
	 */
	private static final class SchoolUsers {

		private final String urn;

		private final Map<String, MisUser> byId = new LinkedHashMap<>();

		SchoolUsers(String urn) {
			this.urn = urn;
		}

		synchronized Optional<MisUser> create(String username) {
			if (withUsername(username).isPresent()) {
				return Optional.empty();
			}
			MisUser user = new MisUser("MISU-" + urn + "-" + (byId.size() + 1), username, Set.of());
			byId.put(user.id(), user);
			return Optional.of(user);
		}

		synchronized Optional<MisUser> withUsername(String username) {
			return byId.values().stream().filter(user -> user.username().equals(username)).findFirst();
		}

		synchronized Optional<MisUser> withId(String id) {
			return Optional.ofNullable(byId.get(id));
		}

		synchronized Optional<MisUser> addToGroup(String id, String group) {
			return withId(id).map(user -> {
				Set<String> groups = new HashSet<>(user.groups());
				groups.add(group);
				MisUser updated = new MisUser(id, user.username(), groups);
				byId.put(id, updated);
				return updated;
			});
		}

		synchronized int count() {
			return byId.size();
		}
	}
}
