package uk.schooldata.approvals.mis;

import java.util.List;
import java.util.Optional;

/**
 * What this system needs from a school's MIS, in this domain's language.
 * <p>
 * Every method either answers or throws: {@link MisUnavailableException} for technical failures (timeouts, connection
 * errors, 5xx, 429, an answer that cannot be read), which the engine retries and then turns into an incident;
 * {@link MisRefusedException} when the MIS refuses for a business reason (unknown school, access forbidden), which
 * the processes model explicitly.
 */
public interface MisConnector {

	/**
	 * Creates the platform's user in the school's MIS. Idempotent: when the MIS already has a user with this username,
	 * that user is returned and no second one is created.
	 */
	MisUser createPlatformUser(String urn, String username);

	/**
	 * Adds the user to a permission group. Idempotent: adding a user to a group it is already in changes nothing.
	 */
	void addUserToGroup(String urn, String userId, MisPermissionGroup group);

	/**
	 * Reads a user back with the permission groups the MIS says it is in.
	 */
	MisUser readUser(String urn, String userId);

	List<StaffMember> listStaff(String urn);

	/**
	 * Lists the school's students, optionally only those in one year group and/or one registration group.
	 */
	List<Student> listStudents(String urn, StudentFilter filter);

	/**
	 * Lists the school's contacts (parents and carers) with their parental responsibility and court-order flags.
	 */
	List<Contact> listContacts(String urn);

	/**
	 * Lists the school's student groups (year groups and registration groups).
	 */
	List<MisGroup> listGroups(String urn);

	/**
	 * One member of staff, as the MIS has them now; empty when the MIS has no such person.
	 */
	Optional<StaffMember> findStaffMember(String urn, String staffId);

	/**
	 * One student, as the MIS has them now; empty when the MIS has no such person.
	 */
	Optional<Student> findStudent(String urn, String studentId);

	/**
	 * One contact (parent or carer), as the MIS has them now; empty when the MIS has no such person.
	 */
	Optional<Contact> findContact(String urn, String contactId);
}
