package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * Checks the MIS tap for the requested scopes (does the platform's MIS user have every group they need?) and lays
 * out the request for the review form: the app, the purpose, and each scope with its description, sensitivity,
 * required or optional, and the app's justification.
 */
@Component
class PrepareReviewDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(PrepareReviewDelegate.class);

	private final AccessRequests requests;

	private final ScopeCatalogue catalogue;

	private final Schools schools;

	private final Apps apps;

	private final MisTaps misTaps;

	PrepareReviewDelegate(AccessRequests requests, ScopeCatalogue catalogue, Schools schools, Apps apps,
			MisTaps misTaps) {
		this.requests = requests;
		this.catalogue = catalogue;
		this.schools = schools;
		this.apps = apps;
		this.misTaps = misTaps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		if (request.status() != AccessRequestStatus.PENDING) {
			throw new DecisionNotOnRecordException(request, "it is " + request.status() + ", not waiting for a review");
		}
		School school = schools.findByUrn(request.schoolUrn()).orElseThrow();
		Set<String> missing = misTaps.missingGroups(request, school);
		misTaps.show(execution, missing);
		execution.setVariable(DataAccessRequestProcess.APP_NAME,
				apps.findById(request.appId()).map(app -> app.name()).orElse(request.appId()));
		execution.setVariable(DataAccessRequestProcess.SCHOOL_NAME, school.name());
		execution.setVariable(DataAccessRequestProcess.PURPOSE, request.purpose());
		execution.setVariable(DataAccessRequestProcess.SCOPE_ROWS, DataAccessRequestProcess.json(rows(request.scopes())));
		execution.setVariable(DataAccessRequestProcess.SCOPE_OPTIONS, DataAccessRequestProcess.json(request.scopes()
			.stream()
			.map(scope -> DataAccessRequestProcess.option(scope.name() + (scope.required() ? " (required)" : " (optional)"),
					scope.name()))
			.toList()));
		execution.setVariable(DataAccessRequestProcess.APPROVED_SCOPES,
				DataAccessRequestProcess.json(request.scopeNames()));
		if (!missing.isEmpty()) {
			LOG.warn("Request {}: school {}'s MIS user lacks {}", request.id(), request.schoolUrn(), missing);
		}
	}

	/**
	 * The scopes as rows of the review form's table. The form shows every value as plain text: the app's
	 * justification is never read as Markdown or HTML.
	 */
	List<Map<String, String>> rows(List<RequestedScope> scopes) {
		return scopes.stream().map(requested -> {
			Scope scope = catalogue.get(requested.name());
			return Map.of("scope", scope.name(), "need", requested.required() ? "required" : "optional", "sensitivity",
					scope.isSpecialCategory() ? "special category" : "standard", "description", scope.description(),
					"justification", requested.justification() == null ? "" : requested.justification());
		}).toList();
	}
}
