package uk.schooldata.approvals.audit.cockpit;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * Turns the engine's historic process instances into rows a person reads: labelled from this application's records,
 * with whether they had incidents and which step they ended at. A few queries per page, never one per row.
 */
final class InstanceSummaries {

	/**
	 * Process keys are public API (DESIGN.md, section 5). Spelled here rather than imported from the feature modules,
	 * which depend on {@code audit} already.
	 */
	static final String ONBOARDING = "school-onboarding";

	static final String EXPIRED_INVITES_DIGEST = "expired-invites-digest";

	static final String INVITEE_DATA_ERASURE = "invitee-data-erasure";

	private final HistoryService history;

	private final RepositoryService repository;

	private final AuditLabels labels;

	/** By process definition id: a page holds few definitions, and the engine caches their models. */
	private final Map<String, StepNames> stepNames = new HashMap<>();

	InstanceSummaries(HistoryService history, RepositoryService repository, AuditLabels labels) {
		this.history = history;
		this.repository = repository;
		this.labels = labels;
	}

	InstanceSummary of(HistoricProcessInstance instance) {
		return of(List.of(instance)).get(0);
	}

	List<InstanceSummary> of(List<HistoricProcessInstance> instances) {
		if (instances.isEmpty()) {
			return List.of();
		}
		Set<String> ids = instances.stream()
			.map(HistoricProcessInstance::getId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Map<String, AuditLabel> bound = labels.forInstances(ids);
		Map<String, String> schoolNames = labels.schoolNames(instances.stream()
			.filter(instance -> !bound.containsKey(instance.getId()))
			.map(InstanceSummaries::schoolOf)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet()));
		Set<String> hadIncidents = idsOf(history.createHistoricProcessInstanceQuery().processInstanceIds(ids)
			.withIncidents());
		Set<String> openIncidents = idsOf(history.createHistoricProcessInstanceQuery().processInstanceIds(ids)
			.incidentStatus("open"));
		return instances.stream().map(instance -> {
			AuditLabel label = bound.get(instance.getId());
			return summary(instance, label == null ? unbound(instance, schoolNames) : label,
					hadIncidents.contains(instance.getId()), openIncidents.contains(instance.getId()));
		}).toList();
	}

	private InstanceSummary summary(HistoricProcessInstance instance, AuditLabel label, boolean hadIncidents,
			boolean openIncidents) {
		String endedAt = instance.getEndTime() == null ? null
				: stepNames.computeIfAbsent(instance.getProcessDefinitionId(), id -> StepNames.of(repository, id))
					.of(instance.getEndActivityId());
		return new InstanceSummary(instance.getId(), instance.getProcessDefinitionKey(), processName(instance),
				instance.getBusinessKey(), label.description(), label.schoolUrn(), label.schoolName(), label.appId(),
				label.appName(), InstanceSummary.Status.of(instance), hadIncidents, openIncidents,
				instant(instance.getStartTime()), instant(instance.getEndTime()), endedAt);
	}

	/**
	 * A label for an instance that no row is bound to: from its tenant (the school) and business key.
	 */
	private static AuditLabel unbound(HistoricProcessInstance instance, Map<String, String> schoolNames) {
		String urn = schoolOf(instance);
		String schoolName = urn == null ? null : schoolNames.get(urn);
		String key = Objects.toString(instance.getProcessDefinitionKey(), "");
		if (ONBOARDING.equals(key) && urn != null) {
			return AuditLabels.onboarding(urn, schoolName);
		}
		if (EXPIRED_INVITES_DIGEST.equals(key)) {
			return new AuditLabel(null, null, null, null, "Daily digest of expired invitations, every school");
		}
		if (INVITEE_DATA_ERASURE.equals(key)) {
			return new AuditLabel(null, null, null, null, "Nightly erasure of ended invitees' personal data");
		}
		// No record is bound to it (started around this system, or its record is gone): say so, without its ids.
		String description = processName(instance) + (schoolName == null ? "" : " at " + schoolName)
				+ " (no record of this system belongs to it)";
		return new AuditLabel(urn, schoolName, null, null, description);
	}

	/**
	 * The school an instance concerns: its tenant; for onboarding without a tenant, its business key (the URN).
	 */
	private static String schoolOf(HistoricProcessInstance instance) {
		if (instance.getTenantId() != null) {
			return instance.getTenantId();
		}
		return ONBOARDING.equals(instance.getProcessDefinitionKey()) ? instance.getBusinessKey() : null;
	}

	private static String processName(HistoricProcessInstance instance) {
		String name = StepNames.oneLine(instance.getProcessDefinitionName());
		return name == null || name.isEmpty() ? instance.getProcessDefinitionKey() : name;
	}

	private static Set<String> idsOf(HistoricProcessInstanceQuery query) {
		return query.list().stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
	}

	static Instant instant(Date date) {
		return date == null ? null : date.toInstant();
	}
}
