package uk.schooldata.approvals.mis;

import java.util.List;

/**
 * A parent or carer as the MIS records them. {@code email} is {@code null} when the MIS holds none; a contact under a
 * court order must not be contacted by the school about the students it names.
 */
public record Contact(String id, String forename, String surname, String email, String relationship,
		boolean parentalResponsibility, boolean courtOrder, List<String> studentIds) {

	public Contact {
		studentIds = List.copyOf(studentIds);
	}
}
