package uk.schooldata.approvals.invite;

/**
 * What an invitee's account may do in online services, once an administrator has assigned it.
 */
public enum Permission {
	ADMINISTRATOR, REVIEWER, CHOICES, STUDENT, PARENT
}
