package uk.schooldata.approvals.audit;

import java.util.List;

/**
 * What checking the decision record found.
 *
 * @param intact whether every school's chain checked out
 * @param schools how many schools' chains were checked
 * @param records how many records were checked
 * @param breaks for each broken chain, the first record where it breaks
 */
public record ChainReport(boolean intact, int schools, long records, List<Break> breaks) {

	/**
	 * Where a school's chain breaks.
	 *
	 * @param position the record's place in the school's chain, from 1
	 * @param recordId the record's id, or {@code null} when the record is missing
	 * @param problem what is wrong, in words an auditor can act on
	 */
	public record Break(String schoolUrn, long position, String recordId, String problem) {
	}
}
