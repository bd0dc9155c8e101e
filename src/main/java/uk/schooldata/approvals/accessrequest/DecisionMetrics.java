package uk.schooldata.approvals.accessrequest;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code sda_access_requests_decision_seconds{outcome}}: the time from a request's submission to the school's final
 * decision on it (after the second administrator, where one was needed), recorded once the decision is committed.
 */
@Component
class DecisionMetrics {

	private final MeterRegistry meters;

	DecisionMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void decided(AccessRequest request, AccessRequestStatus outcome, Instant decidedAt) {
		Duration waited = Duration.between(request.submittedAt(), decidedAt);
		Runnable record = () -> Timer.builder("sda.access_requests.decision")
			.description("Time from a data access request's submission to the school's decision, by outcome")
			.tag("outcome", outcome.name())
			.register(meters)
			.record(waited);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			record.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				record.run();
			}
		});
	}
}
