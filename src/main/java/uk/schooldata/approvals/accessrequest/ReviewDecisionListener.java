package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Decision;
import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Outcome;

/**
 * Records a school administrator's review when they complete the task: the request bound to the instance decides
 * what is allowed ({@link AccessRequest#approve}, {@link AccessRequest#decline}), not the form. A refused decision
 * leaves the task open, and Tasklist shows why next to the field.
 */
@Component
class ReviewDecisionListener implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(ReviewDecisionListener.class);

	private final AccessRequests requests;

	private final ScopeCatalogue catalogue;

	private final Grants grants;

	private final Deciders deciders;

	private final DecisionRecords records;

	private final DecisionMetrics metrics;

	ReviewDecisionListener(AccessRequests requests, ScopeCatalogue catalogue, Grants grants, Deciders deciders,
			DecisionRecords records, DecisionMetrics metrics) {
		this.metrics = metrics;
		this.requests = requests;
		this.catalogue = catalogue;
		this.grants = grants;
		this.deciders = deciders;
		this.records = records;
	}

	@Override
	public void notify(DelegateTask task) {
		AccessRequest request = requests.boundTo(task.getProcessInstanceId());
		String reviewer = deciders.administratorDeciding(task, request);
		Decided decided;
		try {
			decided = switch (decision(task.getVariable(DataAccessRequestProcess.DECISION))) {
				case APPROVE -> request.approve(
						DataAccessRequestProcess.strings(task.getVariable(DataAccessRequestProcess.APPROVED_SCOPES)),
						held(request), catalogue);
				case DECLINE -> request.decline((String) task.getVariable(DataAccessRequestProcess.DECLINE_REASON));
			};
		}
		catch (DecisionRefusedException refused) {
			throw Deciders.refusal(refused.field(), refused.getMessage());
		}
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (!requests.recordDecision(request, decided.status(), decided.scopes(), reviewer, decided.reason(), now)) {
			throw Deciders.refusal(DataAccessRequestProcess.DECISION, "This request was decided already.");
		}
		records.reviewed(request, decided.scopes(), reviewer, decided.reason(), now);
		if (!decided.needsConfirmation()) {
			metrics.decided(request, decided.status(), now);
		}
		task.setVariable(DataAccessRequestProcess.REVIEWED_BY, reviewer);
		task.setVariable(DataAccessRequestProcess.OUTCOME, decided.needsConfirmation() ? Outcome.NEEDS_CONFIRMATION.name()
				: decided.status() == AccessRequestStatus.DECLINED ? Outcome.DECLINED.name() : Outcome.APPROVED.name());
		if (decided.needsConfirmation()) {
			task.setVariable(DataAccessRequestProcess.SPECIAL_SCOPE_ROWS, DataAccessRequestProcess.json(
					decided.specialScopesApproved()
						.stream()
						.map(name -> Map.of("scope", name, "description", catalogue.get(name).description()))
						.toList()));
		}
		LOG.info("Request {}: reviewed by an administrator ({})", request.id(), decided.status());
	}

	private Set<String> held(AccessRequest request) {
		return grants.inForce(request.schoolUrn(), request.appId()).stream().map(Grant::scope).collect(Collectors.toSet());
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
