package uk.schooldata.approvals.mis;

/**
 * A student group in the MIS: a year group (id {@code "Y7"}) or a registration group (id {@code "7A"}).
 */
public record MisGroup(String id, String name, Type type, int yearGroup, int memberCount) {

	public enum Type {
		YEAR_GROUP, REGISTRATION_GROUP
	}
}
