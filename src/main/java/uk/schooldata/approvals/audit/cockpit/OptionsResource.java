package uk.schooldata.approvals.audit.cockpit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * The choices of the list's filters: the deployed processes by name, the schools and apps on the platform, the
 * statuses.
 */
public class OptionsResource extends AuditResource {

	private final AuditLabels labels;

	OptionsResource(String engineName, AuditLabels labels) {
		super(engineName);
		this.labels = labels;
	}

	@GET
	@Produces(MediaType.APPLICATION_JSON)
	public FilterOptions options() {
		return read(() -> new FilterOptions(processes(), labels.schools(), labels.apps(), StatusFilter.choices()));
	}

	/** One choice per process key, named as its latest version's diagram names it. */
	private List<FilterOptions.Choice> processes() {
		Map<String, FilterOptions.Choice> byKey = new LinkedHashMap<>();
		for (ProcessDefinition definition : getProcessEngine().getRepositoryService()
			.createProcessDefinitionQuery()
			.latestVersion()
			.orderByProcessDefinitionName()
			.asc()
			.list()) {
			String name = StepNames.oneLine(definition.getName());
			byKey.putIfAbsent(definition.getKey(), new FilterOptions.Choice(definition.getKey(),
					name == null || name.isEmpty() ? definition.getKey() : name));
		}
		return List.copyOf(byKey.values());
	}
}
