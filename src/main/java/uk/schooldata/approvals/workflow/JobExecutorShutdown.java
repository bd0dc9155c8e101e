package uk.schooldata.approvals.workflow;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The first thing a stopping node does (SIGTERM, as an orchestrator sends it): its job executor takes no more jobs,
 * and the jobs it holds, running or queued, finish while the database and the MIS, mail and webhook clients are all
 * still there. Only then does the web server drain and the engine close. Without this, Camunda's job acquisition
 * would go on taking jobs until the engine closed, and the job threads would be interrupted mid-step.
 * <p>
 * Jobs it acquired but never started are released at once. A job that does not finish within
 * {@code app.job-executor.shutdown-wait} (PT30S) is left to its lock: another node takes it up when the lock expires. The orchestrator's grace period must be longer than this wait.
 */
@Component
class JobExecutorShutdown implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(JobExecutorShutdown.class);

	private final ProcessEngine engine;

	private final ObjectProvider<ThreadPoolTaskExecutor> jobThreads;

	private final Duration wait;

	private final JdbcClient jdbc;

	private volatile boolean running;

	JobExecutorShutdown(ProcessEngine engine,
			@Qualifier("camundaTaskExecutor") ObjectProvider<ThreadPoolTaskExecutor> jobThreads,
			@Value("${app.job-executor.shutdown-wait:PT30S}") Duration wait, JdbcClient jdbc) {
		this.engine = engine;
		this.jdbc = jdbc;
		this.jobThreads = jobThreads;
		this.wait = wait;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getJobExecutor();
		if (jobExecutor == null || !jobExecutor.isActive()) {
			return;
		}
		jobExecutor.shutdown();
		ThreadPoolTaskExecutor threads = jobThreads.getIfAvailable();
		if (threads == null) {
			return;
		}
		ThreadPoolExecutor pool = threads.getThreadPoolExecutor();
		int holding = pool.getActiveCount() + pool.getQueue().size();
		LOG.info("Stopping: the job executor takes no more jobs; waiting up to {} for the {} it holds", wait, holding);
		pool.shutdown();
		try {
			if (pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				int released = release(jobExecutor.getLockOwner());
				LOG.info("Stopping: every job the job executor held has finished; {} acquired but not started are "
						+ "released to the other nodes", released);
			}
			else {
				LOG.warn("Stopping: {} jobs still running after {}; their locks will pass them to another node",
						pool.getActiveCount(), wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Unlocks the jobs this node acquired and never ran (Camunda keeps a job it could not hand to a full pool, to
	 * try again), so that another node takes them now rather than when their locks expire. Nothing of this node runs
	 * any more; the version is raised as Camunda's own unlocking does, so no stale copy can write over it.
	 */
	private int release(String lockOwner) {
		try {
			return jdbc.sql("""
					update act_ru_job set lock_owner_ = null, lock_exp_time_ = null, rev_ = rev_ + 1
					where lock_owner_ = :owner
					""").param("owner", lockOwner).update();
		}
		catch (DataAccessException ex) {
			// The database went first: the locks expire by themselves.
			LOG.warn("Stopping: could not release the jobs taken but not started ({}); their locks will expire",
					ex.getMostSpecificCause().getMessage());
			return 0;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops first: before the web server's graceful shutdown and everything else.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
