package uk.schooldata.approvals;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Runs a process instance's jobs in a test with the job executor off, as the job executor would, one after another.
 */
public final class Jobs {

	private static final int AT_MOST = 50;

	private Jobs() {
	}

	/**
	 * Runs every executable job of the instance, and the jobs those create, until none is left.
	 *
	 * @throws AssertionError when jobs keep coming after {@value #AT_MOST}
	 */
	public static void runAll(ManagementService managementService, String processInstanceId) {
		for (int ran = 0; ran < AT_MOST; ran++) {
			List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
			if (jobs.isEmpty()) {
				return;
			}
			managementService.executeJob(jobs.get(0).getId());
		}
		throw new AssertionError("Process instance " + processInstanceId + " still has jobs after " + AT_MOST);
	}
}
