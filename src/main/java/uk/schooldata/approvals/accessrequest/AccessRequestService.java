package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.schooldata.approvals.accessrequest.AccessRequestSubmission.ScopeRequest;
import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.SchoolNotOnboardedException;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * Takes apps' data access requests: checks them against the scope catalogue and what the app already holds,
 * records them, replaces the app's older open request to the same school, and starts the process. Withdraws them.
 */
@Service
public class AccessRequestService {

	private static final Logger LOG = LoggerFactory.getLogger(AccessRequestService.class);

	private final AccessRequests requests;

	private final Grants grants;

	private final ScopeCatalogue catalogue;

	private final Schools schools;

	private final Apps apps;

	private final AccessRequestTimers timers;

	private final DataAccessRequestProcess process;

	AccessRequestService(AccessRequests requests, Grants grants, ScopeCatalogue catalogue, Schools schools, Apps apps,
			AccessRequestTimers timers, DataAccessRequestProcess process) {
		this.requests = requests;
		this.grants = grants;
		this.catalogue = catalogue;
		this.schools = schools;
		this.apps = apps;
		this.timers = timers;
		this.process = process;
	}

	/**
	 * @param appId the authenticated app: never an id from the request body
	 * @param idempotencyKey when the app has sent this key before, the request it made then; may be {@code null}
	 */
	@Transactional
	public Submitted submit(String appId, AccessRequestSubmission submission, String idempotencyKey) {
		if (idempotencyKey != null) {
			Optional<AccessRequest> earlier = requests.findByIdempotencyKey(appId, idempotencyKey);
			if (earlier.isPresent()) {
				return new Submitted(earlier.get(), false);
			}
		}
		AccessRequest request = record(appId, submission, idempotencyKey, null);
		process.start(request);
		return new Submitted(request, true);
	}

	/**
	 * Checks and records a request, superseding the app's open ones to the same school; does not start a process.
	 *
	 * @param processInstanceId the instance that decides it, when it is starting already; otherwise the instance
	 * binds itself when it starts
	 * @throws SimultaneousSubmissionException when another submission of the same app to the same school, or with
	 * the same idempotency key, was recorded at the same moment: exactly one of them wins
	 */
	AccessRequest record(String appId, AccessRequestSubmission submission, String idempotencyKey,
			String processInstanceId) {
		List<RequestedScope> newScopes = check(appId, submission);
		Instant now = ClockUtil.getCurrentTime().toInstant();
		AccessRequest request = new AccessRequest(UUID.randomUUID().toString(), appId, submission.schoolUrn(),
				submission.purpose(), AccessRequestStatus.PENDING, newScopes, now, timers.deadlineFor(now),
				null, null, null, null, null, null, null);
		for (AccessRequest older : requests.open(appId, submission.schoolUrn())) {
			if (requests.close(older.id(), AccessRequestStatus.SUPERSEDED, request.id(), now)) {
				process.supersede(older);
				LOG.info("Request {} superseded by {}", older.id(), request.id());
			}
		}
		try {
			requests.add(request, idempotencyKey, processInstanceId);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException simultaneous) {
			throw new SimultaneousSubmissionException(appId, submission.schoolUrn());
		}
		LOG.info("App {} asked school {} for {} new scopes in request {}", appId, submission.schoolUrn(),
				newScopes.size(), request.id());
		return request;
	}

	/**
	 * Withdraws an open request; only the app that made it may.
	 */
	@Transactional
	public AccessRequest withdraw(String appId, String requestId) {
		AccessRequest request = requests.findById(requestId)
			.filter(found -> found.appId().equals(appId))
			.orElseThrow(() -> notFound(requestId));
		if (!request.status().isOpen()) {
			throw new RequestClosedException(requestId, request.status());
		}
		process.withdraw(request);
		return requests.findById(requestId).orElseThrow();
	}

	public static AccessRequestNotFoundException notFound(String requestId) {
		return new AccessRequestNotFoundException(requestId);
	}

	/**
	 * @return the scopes to review: those the app does not hold already
	 */
	List<RequestedScope> check(String appId, AccessRequestSubmission submission) {
		if (apps.findById(appId).isEmpty()) {
			throw new NotAnAppException();
		}
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < submission.scopes().size(); i++) {
			ScopeRequest scope = submission.scopes().get(i);
			String field = "scopes[" + i + "]";
			if (!catalogue.contains(scope.name())) {
				problems.add(new FieldProblem(field + ".name", "'" + scope.name() + "' is not a known scope (see GET /api/scopes)"));
			}
			else if (!seen.add(scope.name())) {
				problems.add(new FieldProblem(field + ".name", "'" + scope.name() + "' is asked for more than once"));
			}
			else if (catalogue.get(scope.name()).isSpecialCategory()
					&& (scope.justification() == null || scope.justification().isBlank())) {
				problems.add(new FieldProblem(field + ".justification",
						"is required: '" + scope.name() + "' is special-category data"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		School school = schools.findByUrn(submission.schoolUrn())
			.filter(found -> found.status() == OnboardingStatus.ACTIVE)
			.orElseThrow(() -> new SchoolNotOnboardedException(submission.schoolUrn(), "receive requests"));
		Set<String> held = new HashSet<>(grants.inForce(school.urn(), appId).stream().map(Grant::scope).toList());
		List<String> asked = submission.scopes().stream().map(ScopeRequest::name).toList();
		Map<String, List<String>> missing = catalogue.missingDependencies(asked, held);
		missing.forEach((scope, dependencies) -> problems.add(new FieldProblem("scopes[" + asked.indexOf(scope) + "].name",
				"'" + scope + "' needs " + String.join(", ", dependencies) + ", which is neither requested nor granted")));
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		List<RequestedScope> newScopes = submission.scopes()
			.stream()
			.filter(scope -> !held.contains(scope.name()))
			.map(scope -> new RequestedScope(scope.name(), scope.required(), scope.justification(), null))
			.toList();
		if (newScopes.isEmpty()) {
			throw new AlreadyGrantedException(school.urn());
		}
		return newScopes;
	}

	/**
	 * @param created whether this call made the request, or an earlier one with the same idempotency key did
	 */
	public record Submitted(AccessRequest request, boolean created) {
	}
}
