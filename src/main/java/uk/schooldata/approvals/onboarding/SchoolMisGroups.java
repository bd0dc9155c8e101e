package uk.schooldata.approvals.onboarding;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisRefusedException;
import uk.schooldata.approvals.mis.MisUser;

/**
 * The MIS permission groups a school's MIS confirms for the platform's user, read back from the MIS: once when the
 * school is onboarded, and again whenever a school says it has fixed its MIS permissions.
 */
@Service
public class SchoolMisGroups {

	private final MisConnector mis;

	private final Schools schools;

	SchoolMisGroups(MisConnector mis, Schools schools) {
		this.mis = mis;
		this.schools = schools;
	}

	/**
	 * What the MIS says now of the groups the school needs.
	 *
	 * @throws MisRefusedException when the MIS does not know the school or forbids the platform
	 * @throws uk.schooldata.approvals.mis.MisUnavailableException when the MIS cannot be reached: retry
	 */
	ReadBack readBack(School school) throws MisRefusedException {
		MisUser user = mis.readUser(school.urn(), school.misUserId());
		List<MisPermissionGroup> required = SchoolOnboardingProcess.requiredGroups(school.usesSchoolBooking());
		return new ReadBack(user.id(),
				Arrays.stream(MisPermissionGroup.values()).filter(user::isIn).map(MisPermissionGroup::misName).toList(),
				required.stream().filter(group -> !user.isIn(group)).map(MisPermissionGroup::misName).toList());
	}

	/**
	 * Reads the groups from the MIS again and records those it confirms, however many: the MIS tap of every app at
	 * the school follows from then on.
	 *
	 * @return the school as recorded now
	 * @throws IllegalStateException when the MIS refuses (it no longer knows the school, or forbids the platform):
	 * an operator has to look
	 */
	public School reconfirm(String urn) {
		School school = schools.findByUrn(urn)
			.orElseThrow(() -> new IllegalStateException("School " + urn + " is not registered"));
		ReadBack readBack;
		try {
			readBack = readBack(school);
		}
		catch (MisRefusedException refusal) {
			throw new IllegalStateException("The MIS of school " + urn + " refused to show the platform's user: "
					+ refusal.getMessage(), refusal);
		}
		schools.recordConfirmedMisGroups(urn, readBack.confirmed(), ClockUtil.getCurrentTime().toInstant());
		return schools.findByUrn(urn).orElseThrow();
	}

	/**
	 * @param confirmed every permission group the MIS confirms the platform's user is in, by its MIS name (Cover
	 * Manager too where a school without SchoolBooking added it)
	 * @param missing the groups the school needs that the MIS does not confirm
	 */
	record ReadBack(String misUserId, List<String> confirmed, List<String> missing) {
	}
}
