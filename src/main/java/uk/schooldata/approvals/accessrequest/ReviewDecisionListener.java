package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Decision;
import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Outcome;

/**
 * Checks and records a school administrator's decision when they complete the review. The server decides what is
 * allowed, not the form: only requested scopes may be approved, a required scope cannot be dropped without declining,
 * an approved scope needs its dependencies, and declining needs a reason. A refused decision leaves the task open.
 */
@Component
class ReviewDecisionListener implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(ReviewDecisionListener.class);

	static final String NOTHING_APPROVED = "The administrator approved none of the requested scopes.";

	private final AccessRequests requests;

	private final ScopeCatalogue catalogue;

	private final Grants grants;

	private final Deciders deciders;

	ReviewDecisionListener(AccessRequests requests, ScopeCatalogue catalogue, Grants grants, Deciders deciders) {
		this.requests = requests;
		this.catalogue = catalogue;
		this.grants = grants;
		this.deciders = deciders;
	}

	@Override
	public void notify(DelegateTask task) {
		AccessRequest request = requests.boundTo(task.getProcessInstanceId());
		String reviewer = deciders.administratorDeciding(task, request);
		if (request.status() != AccessRequestStatus.PENDING) {
			throw Deciders.refusal(DataAccessRequestProcess.DECISION, "This request was decided already.");
		}
		Decision decision = decision(task.getVariable(DataAccessRequestProcess.DECISION));
		Instant now = ClockUtil.getCurrentTime().toInstant();
		List<String> approved = decision == Decision.APPROVE
				? DataAccessRequestProcess.strings(task.getVariable(DataAccessRequestProcess.APPROVED_SCOPES)) : List.of();
		if (decision == Decision.DECLINE) {
			String reason = (String) task.getVariable(DataAccessRequestProcess.DECLINE_REASON);
			if (reason == null || reason.isBlank()) {
				throw Deciders.refusal(DataAccessRequestProcess.DECLINE_REASON, "Say why you decline the request.");
			}
			decline(task, request, reviewer, reason, now);
			return;
		}
		checkApproval(request, approved);
		if (approved.isEmpty()) {
			decline(task, request, reviewer, NOTHING_APPROVED, now);
			return;
		}
		List<RequestedScope> decided = request.scopes()
			.stream()
			.map(scope -> scope.decided(approved.contains(scope.name()) ? RequestedScope.Decision.APPROVED
					: RequestedScope.Decision.DECLINED))
			.toList();
		List<String> special = approved.stream().filter(name -> catalogue.get(name).isSpecialCategory()).toList();
		AccessRequestStatus status = !special.isEmpty() ? AccessRequestStatus.AWAITING_SECOND_APPROVAL
				: approved.size() == request.scopes().size() ? AccessRequestStatus.APPROVED
						: AccessRequestStatus.PARTIALLY_APPROVED;
		record(request, status, decided, reviewer, null, now);
		task.setVariable(DataAccessRequestProcess.REVIEWED_BY, reviewer);
		if (special.isEmpty()) {
			task.setVariable(DataAccessRequestProcess.OUTCOME, Outcome.APPROVED.name());
		}
		else {
			task.setVariable(DataAccessRequestProcess.OUTCOME, Outcome.NEEDS_CONFIRMATION.name());
			task.setVariable(DataAccessRequestProcess.SPECIAL_SCOPE_ROWS, DataAccessRequestProcess.json(special.stream()
				.map(name -> Map.of("scope", name, "description", catalogue.get(name).description()))
				.toList()));
		}
		LOG.info("Request {}: an administrator approved {} of {} scopes ({})", request.id(), approved.size(),
				request.scopes().size(), status);
	}

	private void decline(DelegateTask task, AccessRequest request, String reviewer, String reason, Instant now) {
		List<RequestedScope> declined = request.scopes()
			.stream()
			.map(scope -> scope.decided(RequestedScope.Decision.DECLINED))
			.toList();
		record(request, AccessRequestStatus.DECLINED, declined, reviewer, reason, now);
		task.setVariable(DataAccessRequestProcess.REVIEWED_BY, reviewer);
		task.setVariable(DataAccessRequestProcess.OUTCOME, Outcome.DECLINED.name());
		LOG.info("Request {}: declined by an administrator", request.id());
	}

	/**
	 * Records the decision on the request's row, unless someone else decided it in the meantime.
	 */
	private void record(AccessRequest request, AccessRequestStatus status, List<RequestedScope> decided,
			String reviewer, String reason, Instant now) {
		if (!requests.recordDecision(request, status, decided, reviewer, reason, now)) {
			throw Deciders.refusal(DataAccessRequestProcess.DECISION, "This request was decided already.");
		}
	}

	private void checkApproval(AccessRequest request, List<String> approved) {
		Set<String> requested = new HashSet<>(request.scopeNames());
		List<String> notRequested = approved.stream().filter(name -> !requested.contains(name)).toList();
		if (!notRequested.isEmpty()) {
			throw Deciders.refusal(DataAccessRequestProcess.APPROVED_SCOPES,
					"These scopes were not requested and cannot be approved: " + String.join(", ", notRequested) + ".");
		}
		if (approved.isEmpty()) {
			return;
		}
		List<String> droppedRequired = request.scopes()
			.stream()
			.filter(scope -> scope.required() && !approved.contains(scope.name()))
			.map(RequestedScope::name)
			.toList();
		if (!droppedRequired.isEmpty()) {
			throw Deciders.refusal(DataAccessRequestProcess.APPROVED_SCOPES, "The app needs "
					+ String.join(", ", droppedRequired) + "; to refuse a required scope, decline the request.");
		}
		Set<String> held = new HashSet<>(
				grants.inForce(request.schoolUrn(), request.appId()).stream().map(Grant::scope).toList());
		Map<String, List<String>> missing = catalogue.missingDependencies(approved, held);
		if (!missing.isEmpty()) {
			List<String> explanations = new ArrayList<>();
			missing.forEach((scope, needs) -> explanations.add(scope + " needs " + String.join(", ", needs)));
			throw Deciders.refusal(DataAccessRequestProcess.APPROVED_SCOPES,
					"Approve the scopes these depend on too: " + String.join("; ", explanations) + ".");
		}
	}

	private static Decision decision(Object value) {
		try {
			return Decision.valueOf(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw Deciders.refusal(DataAccessRequestProcess.DECISION, "Choose APPROVE or DECLINE.");
		}
	}
}
