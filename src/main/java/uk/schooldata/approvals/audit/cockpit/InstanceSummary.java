package uk.schooldata.approvals.audit.cockpit;

import java.time.Instant;

import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * One instance as the list shows it, and as the head of its history: what it is about in words a person recognises,
 * not only its ids.
 *
 * @param id the process instance id
 * @param processKey e.g. {@code data-access-request}
 * @param processName the diagram's name for the process
 * @param businessKey request, invite, batch or revocation id; the URN for onboarding
 * @param description e.g. "Homework Hub asks Northfield Academy: homework set by teachers"
 * @param schoolUrn the school, if the instance concerns one
 * @param schoolName its name, if known
 * @param appId the app, for access requests and revocations
 * @param appName its name
 * @param status running, completed or terminated
 * @param incidents whether it ever had an incident
 * @param openIncidents whether an incident is open now
 * @param started when it started
 * @param ended when it ended; {@code null} while it runs
 * @param endedAt the name of the step it ended at, e.g. "Onboarding cancelled"; {@code null} while it runs
 */
record InstanceSummary(String id, String processKey, String processName, String businessKey, String description,
		String schoolUrn, String schoolName, String appId, String appName, Status status, boolean incidents,
		boolean openIncidents, Instant started, Instant ended, String endedAt) {

	enum Status {

		RUNNING, COMPLETED, TERMINATED;

		static Status of(HistoricProcessInstance instance) {
			String state = instance.getState() == null ? "" : instance.getState();
			return switch (state) {
				case HistoricProcessInstance.STATE_COMPLETED -> COMPLETED;
				case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED,
						HistoricProcessInstance.STATE_INTERNALLY_TERMINATED -> TERMINATED;
				default -> instance.getEndTime() == null ? RUNNING : COMPLETED;
			};
		}
	}
}
