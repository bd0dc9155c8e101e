package uk.schooldata.approvals.mis;

import java.util.Arrays;
import java.util.Optional;

/**
 * The MIS permission groups the platform's MIS user can be added to, with the names the MIS uses for them.
 */
public enum MisPermissionGroup {

	ADMINISTRATION_ASSISTANT("Administration Assistant"),
	CLASS_TEACHER("Class Teacher"),
	SENIOR_MANAGEMENT_TEAM("Senior Management Team"),
	PERSONNEL_OFFICER("Personnel Officer"),
	THIRD_PARTY_REPORTER("Third Party Reporter"),
	ASSESSMENT_OPERATOR("Assessment Operator"),
	COVER_MANAGER("Cover Manager");

	private final String misName;

	MisPermissionGroup(String misName) {
		this.misName = misName;
	}

	/**
	 * The group's name as the MIS spells it.
	 */
	public String misName() {
		return misName;
	}

	public static Optional<MisPermissionGroup> fromMisName(String misName) {
		return Arrays.stream(values()).filter(group -> group.misName.equals(misName)).findFirst();
	}
}
