package uk.schooldata.approvals.invite;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where in the MIS an invitee comes from, and which permissions fit them: {@code Choices} fits everyone (students
 * make option choices, parents see and agree them, staff run them); {@code Administrator} and {@code Reviewer} only
 * staff; {@code Student} only students; {@code Parent} only parents.
 */
public enum SourceGroup {

	STAFF(EnumSet.of(Permission.ADMINISTRATOR, Permission.REVIEWER, Permission.CHOICES), "Former member of staff"),

	STUDENTS(EnumSet.of(Permission.STUDENT, Permission.CHOICES), "Former student"),

	PARENTS(EnumSet.of(Permission.PARENT, Permission.CHOICES), "Former parent or carer");

	private final Set<Permission> fitting;

	private final String erasedName;

	SourceGroup(Set<Permission> fitting, String erasedName) {
		this.fitting = fitting;
		this.erasedName = erasedName;
	}

	/**
	 * What an invitee of this group is called once their name is erased, so the audit trail still reads as a story:
	 * "Former student accepted the invitation".
	 */
	public String erasedName() {
		return erasedName;
	}

	public Set<Permission> fittingPermissions() {
		return fitting;
	}
}
