package uk.schooldata.approvals.invite;

/**
 * What an invitee's account may do in online services, once an administrator has assigned it.
 */
public enum Permission {

	ADMINISTRATOR("Administrator"), REVIEWER("Reviewer"), CHOICES("Choices"), STUDENT("Student"), PARENT("Parent");

	private final String label;

	Permission(String label) {
		this.label = label;
	}

	/**
	 * As the Assign permissions form shows it.
	 */
	public String label() {
		return label;
	}
}
