package uk.schooldata.approvals.onboarding;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Schools for tests. Each call gets a URN of its own, so tests sharing an application context do not collide.
 */
public final class SchoolRegistrations {

	private static final AtomicInteger NEXT_URN = new AtomicInteger(100_000);

	private SchoolRegistrations() {
	}

	public static String aUrn() {
		return String.valueOf(NEXT_URN.incrementAndGet());
	}

	public static SchoolRegistration hillsideAcademy() {
		return hillsideAcademy(aUrn());
	}

	public static SchoolRegistration hillsideAcademy(String urn) {
		return new SchoolRegistration(urn, "Hillside Academy", "office-" + urn + "@hillside.example", false);
	}

	public static SchoolRegistration riversideSchoolWithSchoolBooking() {
		return new SchoolRegistration(aUrn(), "Riverside School", "admin@riverside.example", true);
	}
}
