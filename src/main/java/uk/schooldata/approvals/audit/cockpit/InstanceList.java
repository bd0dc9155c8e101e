package uk.schooldata.approvals.audit.cockpit;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * A page of the list: the engine's historic process instances (which hold the running ones too), filtered and
 * newest first.
 * <ul>
 * <li>School: the instance's tenant, which is the school's URN for every process that concerns one school
 * ({@code SchoolTenants} gives each instance started with a {@code schoolUrn} variable that tenant, onboarding
 * included), or, for an onboarding instance without a tenant, its business key, which is the URN. Other processes'
 * business keys are request, invite, batch or revocation ids, never six digits.</li>
 * <li>App: the instances bound to the app's access requests and grant revocations, as this application's tables
 * record them ({@link AuditLabels#instancesConcerningApp}). The tables, not the {@code appId} process variable, are
 * the record of which app a request or revocation concerns, and the label shown next to the instance comes from the
 * same rows, so the filter and what it shows always agree.</li>
 * </ul>
 */
final class InstanceList {

	private final HistoryService history;

	private final AuditLabels labels;

	private final InstanceSummaries summaries;

	InstanceList(HistoryService history, AuditLabels labels, InstanceSummaries summaries) {
		this.history = history;
		this.labels = labels;
		this.summaries = summaries;
	}

	InstancePage page(InstanceSearch search) {
		Optional<Set<String>> ofApp = Optional.ofNullable(search.appId()).map(labels::instancesConcerningApp);
		if (ofApp.isPresent() && ofApp.get().isEmpty()) {
			return new InstancePage(0, search.firstResult(), search.maxResults(), List.of());
		}
		long total = query(search, ofApp).count();
		List<HistoricProcessInstance> page = total <= search.firstResult() ? List.of()
				: query(search, ofApp).orderByProcessInstanceStartTime()
					.desc()
					.orderByProcessInstanceId()
					.asc()
					.listPage(search.firstResult(), search.maxResults());
		return new InstancePage(total, search.firstResult(), search.maxResults(), summaries.of(page));
	}

	private HistoricProcessInstanceQuery query(InstanceSearch search, Optional<Set<String>> ofApp) {
		HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery();
		if (search.processKey() != null) {
			query.processDefinitionKey(search.processKey());
		}
		if (search.schoolUrn() != null) {
			query.or().tenantIdIn(search.schoolUrn()).processInstanceBusinessKey(search.schoolUrn()).endOr();
		}
		ofApp.ifPresent(query::processInstanceIds);
		if (search.status() != null) {
			search.status().applyTo(query);
		}
		if (search.startedFrom() != null) {
			query.startedAfter(Date.from(search.startedFrom()));
		}
		if (search.startedTo() != null) {
			// The engine's bound is inclusive; the search's is not.
			query.startedBefore(Date.from(search.startedTo().minusMillis(1)));
		}
		return query;
	}
}
