package uk.schooldata.approvals.mis.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisProperties;
import uk.schooldata.approvals.mis.MisRefusedException.Reason;
import uk.schooldata.approvals.mis.MisUser;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.StudentFilter;

class MisSimulatorTests {

	private static final String URN = "100001";

	private final MisSimulator simulator = aSimulator();

	@Test
	void generatesTheSameSchoolForTheSameUrn() {
		MisSimulator another = aSimulator();

		assertThat(another.staff(URN)).isEqualTo(simulator.staff(URN));
		assertThat(another.students(URN, StudentFilter.all())).isEqualTo(simulator.students(URN, StudentFilter.all()));
		assertThat(another.contacts(URN)).isEqualTo(simulator.contacts(URN));
		assertThat(another.groups(URN)).isEqualTo(simulator.groups(URN));
	}

	@Test
	void generatesDifferentSchoolsForDifferentUrns() {
		assertThat(names(simulator.staff("100002"))).isNotEqualTo(names(simulator.staff(URN)));
		assertThat(simulator.students("100002", StudentFilter.all()).stream().map(Student::surname).toList())
			.isNotEqualTo(simulator.students(URN, StudentFilter.all()).stream().map(Student::surname).toList());
	}

	@Test
	void generatesAboutSixtyStaffWithSchoolEmailAddresses() {
		List<StaffMember> staff = simulator.staff(URN);

		assertThat(staff).hasSizeBetween(50, 70);
		assertThat(staff).extracting(StaffMember::jobTitle).contains("Headteacher", "Teacher of Mathematics");
		assertThat(staff).filteredOn(member -> member.email() == null).isNotEmpty().hasSizeLessThan(staff.size() / 10);
		assertThat(staff).extracting(StaffMember::email)
			.filteredOn(email -> email != null)
			.allMatch(email -> email.matches("[a-z]\\.[a-z]+\\d*@100001\\.school\\.example"))
			.doesNotHaveDuplicates();
	}

	@Test
	void generatesAboutNineHundredStudentsInRegistrationGroupsOfYearsSevenToEleven() {
		List<Student> students = simulator.students(URN, StudentFilter.all());

		assertThat(students).hasSizeBetween(850, 950);
		assertThat(students).extracting(Student::yearGroup).containsOnly(7, 8, 9, 10, 11);
		assertThat(students).allMatch(student -> student.registrationGroup().matches(student.yearGroup() + "[A-F]"));
		assertThat(students).extracting(Student::id).doesNotHaveDuplicates();
		assertThat(students).filteredOn(student -> student.email() == null).isNotEmpty();
	}

	@Test
	void generatesAboutFourteenHundredContactsOfTheSchoolsStudents() {
		Set<String> studentIds = simulator.students(URN, StudentFilter.all())
			.stream()
			.map(Student::id)
			.collect(Collectors.toSet());
		List<Contact> contacts = simulator.contacts(URN);

		assertThat(contacts).hasSizeBetween(1300, 1500);
		assertThat(contacts).allMatch(contact -> !contact.studentIds().isEmpty()
				&& studentIds.containsAll(contact.studentIds()));
		assertThat(contacts).extracting(Contact::relationship).contains("Mother", "Father", "Carer", "Grandparent");
		assertThat(share(contacts, contact -> contact.email() == null)).isBetween(0.01, 0.08);
		assertThat(share(contacts, Contact::parentalResponsibility)).isBetween(0.80, 0.99);
		assertThat(share(contacts, Contact::courtOrder)).isBetween(0.003, 0.03);
	}

	@Test
	void givesEveryStudentAContact() {
		Set<String> studentsWithAContact = simulator.contacts(URN)
			.stream()
			.flatMap(contact -> contact.studentIds().stream())
			.collect(Collectors.toSet());

		assertThat(simulator.students(URN, StudentFilter.all())).allMatch(
				student -> studentsWithAContact.contains(student.id()));
	}

	@Test
	void sharesContactsBetweenBrothersAndSistersInDifferentYears() {
		Map<String, Student> students = simulator.students(URN, StudentFilter.all())
			.stream()
			.collect(Collectors.toMap(Student::id, Function.identity()));
		List<Contact> contactsOfSiblings = simulator.contacts(URN)
			.stream()
			.filter(contact -> contact.studentIds().size() > 1)
			.toList();

		assertThat(contactsOfSiblings).isNotEmpty().allSatisfy(contact -> {
			List<Student> siblings = contact.studentIds().stream().map(students::get).toList();
			assertThat(siblings).extracting(Student::yearGroup).doesNotHaveDuplicates();
			assertThat(siblings).extracting(Student::surname).containsOnly(siblings.get(0).surname());
		});
	}

	@Test
	void countsTheMembersOfEveryYearAndRegistrationGroup() {
		List<MisGroup> groups = simulator.groups(URN);

		assertThat(groups).filteredOn(group -> group.type() == MisGroup.Type.YEAR_GROUP)
			.extracting(MisGroup::id)
			.containsExactly("Y7", "Y8", "Y9", "Y10", "Y11");
		assertThat(groups).filteredOn(group -> group.type() == MisGroup.Type.REGISTRATION_GROUP)
			.hasSize(30)
			.allMatch(group -> group.memberCount() == simulator
				.students(URN, StudentFilter.registrationGroup(group.id()))
				.size());
		assertThat(groups).filteredOn(group -> group.type() == MisGroup.Type.YEAR_GROUP)
			.allMatch(group -> group.memberCount() == simulator.students(URN, StudentFilter.yearGroup(group.yearGroup()))
				.size());
	}

	@Test
	void listsOnlyTheStudentsOfTheRequestedGroup() {
		assertThat(simulator.students(URN, StudentFilter.registrationGroup("9C"))).isNotEmpty()
			.allMatch(student -> student.registrationGroup().equals("9C"));
		assertThat(simulator.students(URN, new StudentFilter(10, "9C"))).isEmpty();
	}

	@Test
	void createsAUserOnlyOnceForAUsername() {
		MisUser created = simulator.createUser(URN, "sda-platform").orElseThrow();

		assertThat(simulator.createUser(URN, "sda-platform")).isEmpty();
		assertThat(created.id()).isEqualTo("MISU-100001-1");
		assertThat(simulator.user(URN, "sda-platform")).contains(created);
		assertThat(simulator.userCount(URN)).isEqualTo(1);
		assertThat(simulator.userCount("100002")).isZero();
	}

	@Test
	void addsAUserToAGroupOnlyOnce() {
		MisUser user = simulator.createUser(URN, "sda-platform").orElseThrow();

		simulator.addToGroup(URN, user.id(), MisPermissionGroup.CLASS_TEACHER);
		simulator.addToGroup(URN, user.id(), MisPermissionGroup.CLASS_TEACHER);
		simulator.addToGroup(URN, user.id(), MisPermissionGroup.COVER_MANAGER);

		assertThat(simulator.userWithId(URN, user.id()).orElseThrow().groups())
			.containsExactlyInAnyOrder("Class Teacher", "Cover Manager");
	}

	@Test
	void addsNobodyToAGroupWhenTheUserIsUnknown() {
		assertThat(simulator.addToGroup(URN, "MISU-100001-9", MisPermissionGroup.CLASS_TEACHER)).isEmpty();
	}

	@Test
	void refusesTheConfiguredUnknownAndForbiddenSchools() {
		assertThat(simulator.refusal("999999")).contains(Reason.UNKNOWN_SCHOOL);
		assertThat(simulator.refusal("999998")).contains(Reason.FORBIDDEN);
		assertThat(simulator.refusal(URN)).isEmpty();
	}

	@Test
	void refusesASchoolWhenToldUntilReset() {
		simulator.refuse(URN, Reason.FORBIDDEN);
		assertThat(simulator.refusal(URN)).contains(Reason.FORBIDDEN);

		simulator.reset();
		assertThat(simulator.refusal(URN)).isEmpty();
		assertThat(simulator.refusal("999999")).contains(Reason.UNKNOWN_SCHOOL);
	}

	@Test
	void failsEveryRequestAtAnErrorRateOfOneUntilReset() {
		assertThat(failures(20)).isZero();

		simulator.failWith(1.0);
		assertThat(failures(20)).isEqualTo(20);

		simulator.reset();
		assertThat(failures(20)).isZero();
	}

	@Test
	void delaysRequestsByTheGivenLatency() {
		simulator.delay(Duration.ofMillis(200));

		long started = System.nanoTime();
		simulator.delayAndDecideFailure();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void rejectsAnErrorRateAboveOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.failWith(1.5));
	}

	private long failures(int requests) {
		return IntStream.range(0, requests).filter(request -> simulator.delayAndDecideFailure()).count();
	}

	private static <T> double share(List<T> items, Predicate<T> predicate) {
		return (double) items.stream().filter(predicate).count() / items.size();
	}

	private static List<String> names(List<StaffMember> staff) {
		return staff.stream().map(member -> member.forename() + " " + member.surname()).toList();
	}

	private static MisSimulator aSimulator() {
		return new MisSimulator(new MisProperties("", "simulator-key", Duration.ofSeconds(1), Duration.ofSeconds(1),
				"sda-platform", new MisProperties.Simulator(true, 0.0, Duration.ZERO, List.of("999999"),
						List.of("999998"))));
	}
}
