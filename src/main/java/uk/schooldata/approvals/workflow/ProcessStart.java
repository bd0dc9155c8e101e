package uk.schooldata.approvals.workflow;

import java.util.Map;

/**
 * A request to start a process, as it arrives through Camunda's REST API: the business key (may be {@code null}) and
 * the plain values of the variables.
 */
public record ProcessStart(String processKey, String businessKey, Map<String, Object> variables) {

	public ProcessStart {
		variables = Map.copyOf(variables);
	}
}
