package uk.schooldata.approvals.accessrequest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A named slice of school data an app may ask for.
 *
 * @param description what it is, in words a school administrator understands
 * @param dependsOn scopes that must be granted with it ({@code students.*} needs {@code students.basic})
 * @param misGroups the MIS permission groups the platform's MIS user needs to read it
 */
public record Scope(String name, String description, Sensitivity sensitivity, List<String> dependsOn,
		List<String> misGroups) {

	public Scope {
		dependsOn = List.copyOf(dependsOn);
		misGroups = List.copyOf(misGroups);
	}

	public boolean isSpecialCategory() {
		return sensitivity == Sensitivity.SPECIAL_CATEGORY;
	}

	public enum Sensitivity {
		@JsonProperty("standard")
		STANDARD,
		/** Special category data (UK GDPR Article 9) and other data a school must weigh twice. */
		@JsonProperty("special-category")
		SPECIAL_CATEGORY
	}
}
