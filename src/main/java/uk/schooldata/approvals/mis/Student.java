package uk.schooldata.approvals.mis;

/**
 * A student as the MIS records them; {@code email} is {@code null} when the MIS holds none.
 */
public record Student(String id, String forename, String surname, int yearGroup, String registrationGroup,
		String email) {
}
