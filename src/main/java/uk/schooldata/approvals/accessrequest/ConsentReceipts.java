package uk.schooldata.approvals.accessrequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.App;
import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * Writes the consent receipt of a decided request from what is recorded: the request, its scopes' decisions, the
 * grants made from it, the app and the school.
 */
@Component
public class ConsentReceipts {

	private static final Set<AccessRequestStatus> DECIDED = EnumSet.of(AccessRequestStatus.APPROVED,
			AccessRequestStatus.PARTIALLY_APPROVED, AccessRequestStatus.DECLINED);

	private final ScopeCatalogue catalogue;

	private final Grants grants;

	private final Apps apps;

	private final Schools schools;

	ConsentReceipts(ScopeCatalogue catalogue, Grants grants, Apps apps, Schools schools) {
		this.catalogue = catalogue;
		this.grants = grants;
		this.apps = apps;
		this.schools = schools;
	}

	/**
	 * @throws NotDecidedException when the school has not decided the request
	 */
	public ConsentReceipt of(AccessRequest request) {
		if (!DECIDED.contains(request.status())) {
			throw new NotDecidedException(request.id(), request.status());
		}
		String appName = apps.findById(request.appId()).map(App::name).orElse(request.appId());
		School school = schools.findByUrn(request.schoolUrn()).orElseThrow();
		List<ConsentReceipt.ScopeDecision> scopes = request.scopes()
			.stream()
			.map(scope -> new ConsentReceipt.ScopeDecision(scope.name(), describe(scope.name()), scope.required(),
					isSpecialCategory(scope.name()), scope.justification(), scope.decision()))
			.toList();
		List<String> approved = scopes.stream()
			.filter(scope -> scope.decision() == RequestedScope.Decision.APPROVED)
			.map(ConsentReceipt.ScopeDecision::scope)
			.toList();
		List<String> specialCategory = approved.stream().filter(this::isSpecialCategory).toList();
		boolean fourEyes = request.confirmedBy() != null;
		ConsentReceipt.Decision decision = new ConsentReceipt.Decision(request.decidedBy(), request.decidedAt(),
				request.confirmedBy(), request.confirmedAt(),
				fourEyes ? (specialCategory.isEmpty() ? "REFUSED" : "CONFIRMED") : null, request.decisionReason());
		ConsentReceipt.Purpose purpose = new ConsentReceipt.Purpose(request.purpose(), List.of("Service provision"),
				"EXPLICIT", approved, true, "Until the school revokes the grant in School Data Approvals", true,
				appName);
		return new ConsentReceipt(ConsentReceipt.VERSION, "GB", (fourEyes ? request.confirmedAt() : request.decidedAt())
			.getEpochSecond(),
				fourEyes ? "Reviewed and confirmed by two of the school's administrators in Camunda Tasklist"
						: "Reviewed by the school's administrator in Camunda Tasklist",
				request.id(), "en", "The pupils, staff and parents of " + school.name() + " (URN " + school.urn() + ")",
				List.of(new ConsentReceipt.PiiController(school.name(), false, "The school's administrators",
						school.contactEmail())),
				List.of(new ConsentReceipt.Service(appName, List.of(purpose))), !specialCategory.isEmpty(),
				specialCategory,
				new ConsentReceipt.Request(request.id(), request.appId(), appName, school.urn(), school.name(),
						request.purpose(), request.submittedAt(), request.deadline(), request.status()),
				scopes, decision, grants.fromRequest(request.id())
					.stream()
					.map(grant -> new ConsentReceipt.GrantHistory(grant.scope(), grant.grantedAt(), grant.grantedBy(),
							grant.revokedAt(), grant.revokedBy(), grant.revokeReason()))
					.toList());
	}

	private String describe(String scope) {
		return catalogue.find(scope).map(Scope::description).orElse(scope);
	}

	private boolean isSpecialCategory(String scope) {
		return catalogue.find(scope).map(Scope::isSpecialCategory).orElse(false);
	}
}
