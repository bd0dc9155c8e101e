package uk.schooldata.approvals.accessrequest;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.onboarding.School;

/**
 * The MIS tap of a request: the MIS permission groups its scopes need that the school's MIS has not confirmed, and
 * how the review form and the Fix MIS permissions task show them.
 */
@Component
class MisTaps {

	private final ScopeCatalogue catalogue;

	MisTaps(ScopeCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * @return the groups missing, in catalogue order; empty when the MIS tap is open
	 */
	Set<String> missingGroups(AccessRequest request, School school) {
		Set<String> missing = new LinkedHashSet<>();
		request.scopeNames()
			.forEach(name -> catalogue.get(name)
				.misGroups()
				.stream()
				.filter(group -> !school.confirmedMisGroups().contains(group))
				.forEach(missing::add));
		return missing;
	}

	/**
	 * Sets the variables the forms show and the gateways read.
	 */
	void show(VariableScope scope, Set<String> missing) {
		scope.setVariable(DataAccessRequestProcess.MIS_TAP_OPEN, missing.isEmpty());
		scope.setVariable(DataAccessRequestProcess.MISSING_MIS_GROUPS, String.join(", ", missing));
		scope.setVariable(DataAccessRequestProcess.MIS_TAP_NOTE, missing.isEmpty() ? ""
				: "The platform's MIS user is not in " + String.join(", ", missing)
						+ ", so some of this data cannot flow even if you approve it. A separate task asks you to fix it.");
	}
}
