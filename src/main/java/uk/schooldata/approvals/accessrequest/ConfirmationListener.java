package uk.schooldata.approvals.accessrequest;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Confirmation;
import uk.schooldata.approvals.accessrequest.DataAccessRequestProcess.Outcome;

/**
 * Four eyes on special-category data: a second administrator of the school, never the reviewer, confirms or refuses
 * the special-category scopes the reviewer approved. Refused ones are declined; if the app required one, so is the
 * request. Enforced here, on the server, whatever the form or the API caller does.
 */
@Component
class ConfirmationListener implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(ConfirmationListener.class);

	private final AccessRequests requests;

	private final ScopeCatalogue catalogue;

	private final Deciders deciders;

	private final DecisionRecords records;

	private final DecisionMetrics metrics;

	ConfirmationListener(AccessRequests requests, ScopeCatalogue catalogue, Deciders deciders,
			DecisionRecords records, DecisionMetrics metrics) {
		this.metrics = metrics;
		this.requests = requests;
		this.catalogue = catalogue;
		this.deciders = deciders;
		this.records = records;
	}

	@Override
	public void notify(DelegateTask task) {
		AccessRequest request = requests.boundTo(task.getProcessInstanceId());
		if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
			refuseTheReviewer(task.getAssignee(), request);
			return;
		}
		String confirmer = deciders.administratorDeciding(task, request);
		refuseTheReviewer(confirmer, request);
		Confirmation confirmation = confirmation(task.getVariable(DataAccessRequestProcess.CONFIRMATION));
		Decided decided;
		try {
			decided = request.confirm(confirmation == Confirmation.CONFIRM,
					task.getVariable(DataAccessRequestProcess.CONFIRMATION_NOTE) instanceof String note ? note : null,
					catalogue);
		}
		catch (DecisionRefusedException refused) {
			throw Deciders.refusal(DataAccessRequestProcess.CONFIRMATION, refused.getMessage());
		}
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (!requests.recordConfirmation(request, decided.status(), decided.scopes(), confirmer, decided.reason(),
				now)) {
			throw Deciders.refusal(DataAccessRequestProcess.CONFIRMATION, "This request was decided already.");
		}
		records.confirmed(request, confirmation == Confirmation.CONFIRM, decided.scopes(), confirmer,
				decided.reason(), now);
		metrics.decided(request, decided.status(), now);
		task.setVariable(DataAccessRequestProcess.OUTCOME,
				decided.status() == AccessRequestStatus.DECLINED ? Outcome.DECLINED.name() : Outcome.APPROVED.name());
		LOG.info("Request {}: special-category scopes {} by a second administrator ({})", request.id(),
				confirmation == Confirmation.CONFIRM ? "confirmed" : "refused", decided.status());
	}

	/**
	 * The reviewer, as the request's row records them, may neither claim nor complete the confirmation, so the task
	 * never sits claimed by someone who cannot finish it.
	 */
	private static void refuseTheReviewer(String userId, AccessRequest request) {
		if (userId != null && userId.equalsIgnoreCase(request.decidedBy())) {
			throw Deciders.refusal(DataAccessRequestProcess.CONFIRMATION, "You reviewed this request: a different "
					+ "administrator of the school must confirm its special-category scopes.");
		}
	}

	private static Confirmation confirmation(Object value) {
		try {
			return Confirmation.valueOf(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw Deciders.refusal(DataAccessRequestProcess.CONFIRMATION, "Choose CONFIRM or REFUSE.");
		}
	}
}
