package uk.schooldata.approvals.invite;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where in the MIS an invitee comes from, and which permissions fit them: {@code Choices} fits everyone (students
 * make option choices, parents see and agree them, staff run them); {@code Administrator} and {@code Reviewer} only
 * staff; {@code Student} only students; {@code Parent} only parents.
 */
public enum SourceGroup {

	STAFF(EnumSet.of(Permission.ADMINISTRATOR, Permission.REVIEWER, Permission.CHOICES)),

	STUDENTS(EnumSet.of(Permission.STUDENT, Permission.CHOICES)),

	PARENTS(EnumSet.of(Permission.PARENT, Permission.CHOICES));

	private final Set<Permission> fitting;

	SourceGroup(Set<Permission> fitting) {
		this.fitting = fitting;
	}

	public Set<Permission> fittingPermissions() {
		return fitting;
	}
}
