package uk.schooldata.approvals.accessrequest;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.web.Problems;

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
	 * @throws ErrorResponseException {@code 400} for a scope that is not in the catalogue, {@code 404} for a school
	 * or an app that is not registered
	 */
	public DataFlow check(String urn, String appId, String scope) {
		Scope wanted = catalogue.find(scope).orElseThrow(() -> unknownScope(scope));
		School school = schools.findByUrn(urn).orElseThrow(() -> notFound("school-not-found", "School not found",
				"No school with URN " + urn + " is registered."));
		if (apps.findById(appId).isEmpty()) {
			throw notFound("app-not-found", "App not found", "No app with id '" + appId + "' is registered.");
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

	private static ErrorResponseException unknownScope(String scope) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "unknown-scope",
				"Unknown scope", "'" + scope + "' is not a scope in the catalogue."), null);
	}

	private static ErrorResponseException notFound(String slug, String title, String detail) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, slug, title, detail),
				null);
	}
}
