package uk.schooldata.approvals.mis;

/**
 * Narrows a student listing; {@code null} components do not filter.
 */
public record StudentFilter(Integer yearGroup, String registrationGroup) {

	public static StudentFilter all() {
		return new StudentFilter(null, null);
	}

	public static StudentFilter yearGroup(int yearGroup) {
		return new StudentFilter(yearGroup, null);
	}

	public static StudentFilter registrationGroup(String registrationGroup) {
		return new StudentFilter(null, registrationGroup);
	}
}
