package uk.schooldata.approvals.mis;

/**
 * A member of staff as the MIS records them; {@code email} is {@code null} when the MIS holds none.
 */
public record StaffMember(String id, String forename, String surname, String email, String jobTitle) {
}
