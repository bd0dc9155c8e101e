package uk.schooldata.approvals.invite;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.StudentFilter;

/**
 * The people of a school's MIS who may be invited, read through the MIS port: never kept, read again when needed.
 */
@Component
class MisPeople {

	private final MisConnector mis;

	MisPeople(MisConnector mis) {
		this.mis = mis;
	}

	/**
	 * Everyone in the source group, optionally only those of some registration groups (for parents: the contacts of
	 * the students in them).
	 */
	List<Invitee> list(String urn, SourceGroup group, List<String> registrationGroups) {
		return switch (group) {
			case STAFF -> mis.listStaff(urn).stream().map(MisPeople::of).toList();
			case STUDENTS -> students(urn, registrationGroups).stream().map(MisPeople::of).toList();
			case PARENTS -> {
				List<Contact> contacts = mis.listContacts(urn);
				if (registrationGroups == null) {
					yield contacts.stream().map(MisPeople::of).toList();
				}
				Set<String> studentIds = new HashSet<>(students(urn, registrationGroups).stream().map(Student::id).toList());
				yield contacts.stream()
					.filter(contact -> contact.studentIds().stream().anyMatch(studentIds::contains))
					.map(MisPeople::of)
					.toList();
			}
		};
	}

	/**
	 * The person as the MIS has them now.
	 */
	Optional<Invitee> find(String urn, SourceGroup group, String personId) {
		return switch (group) {
			case STAFF -> mis.findStaffMember(urn, personId).map(MisPeople::of);
			case STUDENTS -> mis.findStudent(urn, personId).map(MisPeople::of);
			case PARENTS -> mis.findContact(urn, personId).map(MisPeople::of);
		};
	}

	/**
	 * The registration groups the MIS knows, e.g. {@code 7A}.
	 */
	Set<String> registrationGroups(String urn) {
		Set<String> ids = new HashSet<>();
		mis.listGroups(urn)
			.stream()
			.filter(group -> group.type() == MisGroup.Type.REGISTRATION_GROUP)
			.forEach(group -> ids.add(group.id()));
		return ids;
	}

	private List<Student> students(String urn, List<String> registrationGroups) {
		List<Student> all = mis.listStudents(urn, StudentFilter.all());
		if (registrationGroups == null) {
			return all;
		}
		Set<String> groups = Set.copyOf(registrationGroups);
		return all.stream().filter(student -> groups.contains(student.registrationGroup())).toList();
	}

	private static Invitee of(StaffMember staff) {
		return new Invitee(staff.id(), staff.forename() + " " + staff.surname(), staff.email(), true, false);
	}

	private static Invitee of(Student student) {
		return new Invitee(student.id(), student.forename() + " " + student.surname(), student.email(), true, false);
	}

	private static Invitee of(Contact contact) {
		return new Invitee(contact.id(), contact.forename() + " " + contact.surname(), contact.email(),
				contact.parentalResponsibility(), contact.courtOrder());
	}

	/**
	 * A person who might be invited; for staff and students, {@code parentalResponsibility} is always true and
	 * {@code courtOrder} false.
	 */
	record Invitee(String id, String displayName, String email, boolean parentalResponsibility, boolean courtOrder) {

		Optional<SkipReason> ineligibility() {
			if (courtOrder) {
				return Optional.of(SkipReason.COURT_ORDER);
			}
			if (!parentalResponsibility) {
				return Optional.of(SkipReason.NO_PARENTAL_RESPONSIBILITY);
			}
			if (email == null || email.isBlank()) {
				return Optional.of(SkipReason.NO_EMAIL);
			}
			return Optional.empty();
		}
	}
}
