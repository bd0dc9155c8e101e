package uk.schooldata.approvals.audit.cockpit;

import java.time.Instant;
import java.util.List;

/**
 * One instance's history, as an auditor reads it: the path it took, every step, every user task with who completed
 * it and what they submitted, every incident and how it ended, and the user operation log. Exception messages and
 * stack traces are never part of it; they stay in Cockpit's own incident views for operators.
 *
 * @param instance what it is about, and how it stands
 * @param processDefinitionId the diagram version it ran on
 * @param processDefinitionVersion that version's number
 * @param startedBy the user or app that started it, if one did
 * @param activities its steps, in the order they started
 * @param tasks its user tasks
 * @param incidents its incidents
 * @param operations what people did to it, one entry per operation
 * @param diagram its diagram with the path it took
 */
record InstanceDetail(InstanceSummary instance, String processDefinitionId, Integer processDefinitionVersion,
		String startedBy, List<ActivityStep> activities, List<TaskRecord> tasks, List<IncidentRecord> incidents,
		List<OperationRecord> operations, Diagram diagram) {

	/**
	 * @param activityInstanceId the step's instance
	 * @param activityId its element in the diagram
	 * @param name its name in the diagram
	 * @param kind what sort of step, in words: "User task", "Timer", ...
	 * @param started when it started
	 * @param ended when it ended; {@code null} while it runs
	 * @param state {@code RUNNING}, {@code COMPLETED} or {@code CANCELLED} (interrupted, or its instance ended)
	 * @param assignee for a user task, who it was assigned to when it ended
	 */
	record ActivityStep(String activityInstanceId, String activityId, String name, String kind, Instant started,
			Instant ended, String state, String assignee) {
	}

	/**
	 * @param taskId the task
	 * @param taskKey its element id in the diagram
	 * @param name its name
	 * @param assignee who it was assigned to
	 * @param completedBy who completed it, from the user operation log
	 * @param created when it was created
	 * @param ended when it was completed or cancelled
	 * @param outcome {@code OPEN}, {@code COMPLETED} or {@code CANCELLED}
	 * @param submitted the variables the completion set from the task: the decision
	 */
	record TaskRecord(String taskId, String taskKey, String name, String assignee, String completedBy, Instant created,
			Instant ended, String outcome, List<SubmittedValue> submitted) {
	}

	/**
	 * @param name the variable, as the form names its field
	 * @param value its value as text: lists joined with commas, yes and no for booleans
	 */
	record SubmittedValue(String name, String value) {
	}

	/**
	 * @param incidentId the incident
	 * @param type what went wrong, in words, e.g. "A step failed on every retry"
	 * @param activityId the step it happened at
	 * @param stepName that step's name
	 * @param opened when it was opened
	 * @param closed when it was resolved or closed; {@code null} while it is open
	 * @param state {@code OPEN}, {@code RESOLVED} or {@code CLOSED}
	 * @param resolution how it ended, in words
	 * @param resolvedBy who retried it, from the user operation log, if anyone did
	 * @param note the annotation an operator wrote on it, if any
	 */
	record IncidentRecord(String incidentId, String type, String activityId, String stepName, Instant opened,
			Instant closed, String state, String resolution, String resolvedBy, String note) {
	}

	/**
	 * One operation of the user operation log, with every property it changed.
	 *
	 * @param time when
	 * @param user who
	 * @param operation e.g. {@code Complete}, {@code Claim}, {@code SetJobRetries}
	 * @param entity what it was done to, e.g. {@code Task}, {@code Job}, {@code ProcessInstance}
	 * @param taskName for a task, the task's name
	 * @param changes the properties it changed
	 * @param note the annotation written on it, if any
	 */
	record OperationRecord(Instant time, String user, String operation, String entity, String taskName,
			List<Change> changes, String note) {
	}

	/**
	 * @param property e.g. {@code assignee}
	 * @param from the value before
	 * @param to the value after
	 */
	record Change(String property, String from, String to) {
	}
}
