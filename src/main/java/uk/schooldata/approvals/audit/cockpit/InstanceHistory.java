package uk.schooldata.approvals.audit.cockpit;

import static uk.schooldata.approvals.audit.cockpit.InstanceSummaries.instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import uk.schooldata.approvals.audit.cockpit.InstanceDetail.ActivityStep;
import uk.schooldata.approvals.audit.cockpit.InstanceDetail.Change;
import uk.schooldata.approvals.audit.cockpit.InstanceDetail.IncidentRecord;
import uk.schooldata.approvals.audit.cockpit.InstanceDetail.OperationRecord;
import uk.schooldata.approvals.audit.cockpit.InstanceDetail.SubmittedValue;
import uk.schooldata.approvals.audit.cockpit.InstanceDetail.TaskRecord;

/**
 * One instance's whole history, read from the engine's history (level {@code full}, which this application runs
 * with): activity instances, task instances, incidents, variable updates and the user operation log.
 * <p>
 * Who completed a task is the user of its {@code Complete} operation; what they decided is every variable update
 * made from the task's own scope (the task's activity instance) by that same operation: the form's fields, and what
 * the task's complete listeners recorded with them. The operation log and the variable updates share the operation's
 * id because the engine gives one command one operation id.
 */
final class InstanceHistory {

	/** A bound well above what one instance of these processes records, not a page size. */
	private static final int MAX_ROWS = 5000;

	/**
	 * For a task completed without a signed-in user, so without an operation id: updates from the task's scope this
	 * close to its end are its completion's.
	 */
	private static final long SAME_MOMENT_MILLIS = 1000;

	/** How long after a retry the engine may record the incident as resolved. */
	private static final long RETRY_WINDOW_MILLIS = 5000;

	private final HistoryService history;

	private final RepositoryService repository;

	private final InstanceSummaries summaries;

	InstanceHistory(HistoryService history, RepositoryService repository, InstanceSummaries summaries) {
		this.history = history;
		this.repository = repository;
		this.summaries = summaries;
	}

	Optional<InstanceDetail> of(String processInstanceId) {
		HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		if (instance == null) {
			return Optional.empty();
		}
		BpmnModelInstance model = model(instance.getProcessDefinitionId());
		StepNames names = new StepNames(model);
		List<HistoricActivityInstance> steps = history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.orderPartiallyByOccurrence()
			.asc()
			.listPage(0, MAX_ROWS);
		List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.listPage(0, MAX_ROWS);
		List<HistoricIncident> incidents = history.createHistoricIncidentQuery()
			.processInstanceId(processInstanceId)
			.orderByCreateTime()
			.asc()
			.listPage(0, MAX_ROWS);
		List<UserOperationLogEntry> operations = history.createUserOperationLogQuery()
			.processInstanceId(processInstanceId)
			.orderByTimestamp()
			.asc()
			.listPage(0, MAX_ROWS);
		List<HistoricVariableUpdate> updates = history.createHistoricDetailQuery()
			.processInstanceId(processInstanceId)
			.variableUpdates()
			.disableBinaryFetching()
			.disableCustomObjectDeserialization()
			.orderByTime()
			.asc()
			.listPage(0, MAX_ROWS)
			.stream()
			.filter(HistoricVariableUpdate.class::isInstance)
			.map(HistoricVariableUpdate.class::cast)
			.toList();
		Map<String, String> taskNames = new LinkedHashMap<>();
		tasks.forEach(task -> taskNames.put(task.getId(), StepNames.oneLine(task.getName())));
		return Optional.of(new InstanceDetail(summaries.of(instance), instance.getProcessDefinitionId(),
				instance.getProcessDefinitionVersion(), instance.getStartUserId(), activities(steps, names),
				tasks(tasks, operations, updates), incidents(incidents, operations, names),
				operations(operations, taskNames),
				PathDiagram.of(model, instance.getProcessDefinitionId(), steps, incidents)));
	}

	/**
	 * The diagram the instance ran on; {@code null} if its deployment is gone, and the history is shown without it.
	 */
	private BpmnModelInstance model(String processDefinitionId) {
		try {
			return repository.getBpmnModelInstance(processDefinitionId);
		}
		catch (ProcessEngineException gone) {
			return null;
		}
	}

	private static List<ActivityStep> activities(List<HistoricActivityInstance> steps, StepNames names) {
		return steps.stream()
			// The body of a multi-instance activity repeats what its instances show.
			.filter(step -> !step.getActivityId().endsWith(StepNames.MULTI_INSTANCE_BODY))
			.map(step -> new ActivityStep(step.getId(), step.getActivityId(),
					step.getActivityName() == null ? names.of(step.getActivityId())
							: StepNames.oneLine(step.getActivityName()),
					kind(step.getActivityType()), instant(step.getStartTime()), instant(step.getEndTime()),
					step.getEndTime() == null ? "RUNNING" : step.isCanceled() ? "CANCELLED" : "COMPLETED",
					step.getAssignee()))
			.toList();
	}

	private static List<TaskRecord> tasks(List<HistoricTaskInstance> tasks, List<UserOperationLogEntry> operations,
			List<HistoricVariableUpdate> updates) {
		return tasks.stream().map(task -> {
			Optional<UserOperationLogEntry> completion = last(operations,
					operation -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation.getOperationType())
							&& task.getId().equals(operation.getTaskId()));
			String outcome = task.getEndTime() == null ? "OPEN"
					: completion.isPresent() || "completed".equals(task.getDeleteReason()) ? "COMPLETED" : "CANCELLED";
			return new TaskRecord(task.getId(), task.getTaskDefinitionKey(), StepNames.oneLine(task.getName()),
					task.getAssignee(), completion.map(UserOperationLogEntry::getUserId).orElse(null),
					instant(task.getStartTime()), instant(task.getEndTime()), outcome,
					"COMPLETED".equals(outcome) ? submitted(task, completion, updates) : List.of());
		}).toList();
	}

	/**
	 * The variables the task's completion set from the task's scope, each with the last value it set.
	 */
	private static List<SubmittedValue> submitted(HistoricTaskInstance task, Optional<UserOperationLogEntry> completion,
			List<HistoricVariableUpdate> updates) {
		if (task.getActivityInstanceId() == null) {
			return List.of();
		}
		Optional<String> operationId = completion.map(UserOperationLogEntry::getOperationId);
		Predicate<HistoricVariableUpdate> byCompletion = operationId.isPresent()
				? update -> operationId.get().equals(update.getUserOperationId())
				: update -> update.getTime() != null
						&& update.getTime().getTime() >= task.getEndTime().getTime() - SAME_MOMENT_MILLIS;
		Map<String, String> values = new LinkedHashMap<>();
		for (HistoricVariableUpdate update : updates) {
			if (task.getActivityInstanceId().equals(update.getActivityInstanceId()) && byCompletion.test(update)) {
				values.put(update.getVariableName(), ValueText.of(update));
			}
		}
		return values.entrySet().stream().map(value -> new SubmittedValue(value.getKey(), value.getValue())).toList();
	}

	private static List<IncidentRecord> incidents(List<HistoricIncident> incidents,
			List<UserOperationLogEntry> operations, StepNames names) {
		return incidents.stream().map(incident -> {
			String activityId = incident.getFailedActivityId() != null ? incident.getFailedActivityId()
					: incident.getActivityId();
			String state = incident.isOpen() ? "OPEN" : incident.isResolved() ? "RESOLVED" : "CLOSED";
			Optional<UserOperationLogEntry> retry = incident.isResolved()
					? last(operations, operation -> retried(operation, incident)) : Optional.empty();
			return new IncidentRecord(incident.getId(), type(incident.getIncidentType()), activityId,
					names.of(activityId), instant(incident.getCreateTime()), instant(incident.getEndTime()), state,
					resolution(state), retry.map(UserOperationLogEntry::getUserId).orElse(null),
					incident.getAnnotation());
		}).toList();
	}

	/** The operator's retry that resolved the incident: new retries for its job or external task, as it ended. */
	private static boolean retried(UserOperationLogEntry operation, HistoricIncident incident) {
		boolean ofItsJob = (UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES.equals(operation.getOperationType())
				&& Objects.equals(operation.getJobId(), incident.getConfiguration()))
				|| (UserOperationLogEntry.OPERATION_TYPE_SET_EXTERNAL_TASK_RETRIES.equals(operation.getOperationType())
						&& Objects.equals(operation.getExternalTaskId(), incident.getConfiguration()));
		if (!ofItsJob || operation.getTimestamp() == null || incident.getEndTime() == null) {
			return false;
		}
		long at = operation.getTimestamp().getTime();
		return at >= incident.getCreateTime().getTime() && at <= incident.getEndTime().getTime() + RETRY_WINDOW_MILLIS;
	}

	/** The incident's type in words; its message, which holds the exception, is not shown. */
	private static String type(String incidentType) {
		if (Incident.FAILED_JOB_HANDLER_TYPE.equals(incidentType)) {
			return "A step failed on every retry";
		}
		if (Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(incidentType)) {
			return "An external worker failed on every retry";
		}
		return "Incident of type " + incidentType;
	}

	private static String resolution(String state) {
		return switch (state) {
			case "OPEN" -> "Open: waiting for an operator";
			case "RESOLVED" -> "Resolved: the step was retried";
			default -> "Closed: the step or the instance ended, or the job was removed";
		};
	}

	/**
	 * The operation log, one entry per operation (an operation that changes several properties writes one row for
	 * each).
	 */
	private static List<OperationRecord> operations(List<UserOperationLogEntry> entries,
			Map<String, String> taskNames) {
		Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
		for (UserOperationLogEntry entry : entries) {
			String operation = entry.getOperationId() == null ? entry.getId() : entry.getOperationId();
			byOperation.computeIfAbsent(operation + "|" + entry.getOperationType() + "|" + entry.getEntityType(),
					key -> new ArrayList<>()).add(entry);
		}
		return byOperation.values().stream().map(group -> {
			UserOperationLogEntry first = group.get(0);
			List<Change> changes = group.stream()
				.filter(entry -> entry.getProperty() != null)
				.map(entry -> new Change(entry.getProperty(), entry.getOrgValue(), entry.getNewValue()))
				.toList();
			String note = group.stream()
				.map(UserOperationLogEntry::getAnnotation)
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
			String taskName = first.getTaskId() == null ? null
					: Objects.requireNonNullElse(taskNames.get(first.getTaskId()), first.getTaskId());
			return new OperationRecord(instant(first.getTimestamp()), first.getUserId(), first.getOperationType(),
					first.getEntityType(), taskName, changes, note);
		}).toList();
	}

	/** What sort of step an activity type is, in words. */
	static String kind(String activityType) {
		if (activityType == null) {
			return "Step";
		}
		return switch (activityType) {
			case "userTask" -> "User task";
			case "serviceTask", "sendTask", "scriptTask", "businessRuleTask" -> "Automatic step";
			case "receiveTask" -> "Waits for a message";
			case "callActivity" -> "Calls another process";
			case "subProcess" -> "Sub-process";
			case "exclusiveGateway", "inclusiveGateway" -> "Decision";
			case "parallelGateway" -> "Parallel paths";
			case "eventBasedGateway" -> "Waits for the first event";
			case "boundaryError" -> "Error caught";
			case "boundaryTimer", "intermediateTimer", "startTimerEvent" -> "Timer";
			case "boundaryMessage", "intermediateMessageCatch", "messageStartEvent" -> "Message received";
			default -> activityType.endsWith("EndEvent") ? "End"
					: activityType.toLowerCase(Locale.ROOT).contains("start") ? "Start" : words(activityType);
		};
	}

	/** {@code intermediateSignalCatch} as "Intermediate signal catch". */
	private static String words(String camelCase) {
		String spaced = camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return spaced.isEmpty() ? camelCase : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static <T> Optional<T> last(List<T> items, Predicate<T> matching) {
		T found = null;
		for (T item : items) {
			if (matching.test(item)) {
				found = item;
			}
		}
		return Optional.ofNullable(found);
	}
}
