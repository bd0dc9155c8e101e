package uk.schooldata.approvals.audit.cockpit;

import java.util.List;

/**
 * A page of the list.
 *
 * @param total how many instances match the filters
 * @param firstResult the position of the page's first instance, from 0
 * @param maxResults the page size asked for
 * @param instances the page, newest first
 */
record InstancePage(long total, int firstResult, int maxResults, List<InstanceSummary> instances) {
}
