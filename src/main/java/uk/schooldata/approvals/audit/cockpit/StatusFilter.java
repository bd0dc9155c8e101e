package uk.schooldata.approvals.audit.cockpit;

import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * The list's status filter, as conditions of the engine's historic process instance query.
 */
enum StatusFilter {

	RUNNING("Running"),

	COMPLETED("Completed"),

	/** Cancelled by someone, or ended by the model itself (a terminate end event, an interrupting event). */
	TERMINATED("Cancelled or terminated"),

	/** Had an incident at some time, open or resolved: the instances an auditor asks about. */
	INCIDENT("With an incident (open or resolved)");

	private final String label;

	StatusFilter(String label) {
		this.label = label;
	}

	void applyTo(HistoricProcessInstanceQuery query) {
		switch (this) {
			case RUNNING -> query.unfinished();
			case COMPLETED -> query.completed();
			// Two states: the engine allows more than one only inside or().
			case TERMINATED -> query.or().externallyTerminated().internallyTerminated().endOr();
			case INCIDENT -> query.withIncidents();
		}
	}

	static List<FilterOptions.Choice> choices() {
		return Stream.of(values()).map(status -> new FilterOptions.Choice(status.name(), status.label)).toList();
	}
}
