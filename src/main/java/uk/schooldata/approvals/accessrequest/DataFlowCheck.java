package uk.schooldata.approvals.accessrequest;

import java.util.List;

import org.springframework.stereotype.Service;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * The two-taps check an app makes before every data pull: may this scope of this school flow to this app now?
 * Reads the database every time, with no cache, so a revocation or a lost MIS group closes the tap at once.
 */
@Service
public class DataFlowCheck {

	private final ScopeCatalogue catalogue;

	private final Schools schools;

	private final Apps apps;

	private final Grants grants;

	DataFlowCheck(ScopeCatalogue catalogue, Schools schools, Apps apps, Grants grants) {
		this.catalogue = catalogue;
		this.schools = schools;
		this.apps = apps;
		this.grants = grants;
	}

	/**
	 * @throws UnknownScopeException for a scope that is not in the catalogue
	 * @throws SchoolNotFoundException for a school that is not registered
	 * @throws AppNotFoundException for an app that is not registered
	 */
	public DataFlow check(String urn, String appId, String scope) {
		Scope wanted = catalogue.find(scope).orElseThrow(() -> new UnknownScopeException(scope));
		School school = schools.findByUrn(urn).orElseThrow(() -> new SchoolNotFoundException(urn));
		if (apps.findById(appId).isEmpty()) {
			throw new AppNotFoundException(appId);
		}
		Grant grantInForce = grants.inForce(urn, appId, scope).orElse(null);
		return DataFlow.of(misTap(school, wanted), DataFlow.PlatformTap.of(grantInForce));
	}

	private static DataFlow.MisTap misTap(School school, Scope scope) {
		List<String> missing = scope.misGroups()
			.stream()
			.filter(group -> !school.confirmedMisGroups().contains(group))
			.toList();
		boolean open = school.status() == OnboardingStatus.ACTIVE && missing.isEmpty();
		return new DataFlow.MisTap(open, missing, school.status());
	}

}
