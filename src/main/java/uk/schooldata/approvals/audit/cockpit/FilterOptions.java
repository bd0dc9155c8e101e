package uk.schooldata.approvals.audit.cockpit;

import java.util.List;

/**
 * The choices of the list's filters.
 *
 * @param processes by definition key, named as their diagrams name them
 * @param schools by URN, named "Northfield Academy (100001)"
 * @param apps by app id
 * @param statuses the values of the status filter
 */
record FilterOptions(List<Choice> processes, List<Choice> schools, List<Choice> apps, List<Choice> statuses) {

	/**
	 * @param value what the filter sends
	 * @param label what a person reads
	 */
	record Choice(String value, String label) {
	}
}
