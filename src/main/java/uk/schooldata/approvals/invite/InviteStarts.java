package uk.schooldata.approvals.invite;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code user-invite} instances for recorded invites. A small batch (up to {@code app.invite.start-chunk-size})
 * starts in the caller's transaction, so it is all or nothing with the batch. A larger one starts after the batch
 * has been committed, in the background, one transaction per chunk: no giant transaction, and the administrator has
 * their answer at once. Each start only creates the instance and its send job; the job executor sends.
 */
@Component
class InviteStarts implements DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(InviteStarts.class);

	private final UserInviteProcess process;

	private final TransactionTemplate transactions;

	private final int chunkSize;

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "invite-starts");
		thread.setDaemon(true);
		return thread;
	});

	InviteStarts(UserInviteProcess process, PlatformTransactionManager transactionManager,
			InviteProperties properties) {
		this.process = process;
		this.transactions = new TransactionTemplate(transactionManager);
		this.chunkSize = properties.startChunkSize();
	}

	void start(List<Invite> invites) {
		if (invites.size() <= chunkSize || !TransactionSynchronizationManager.isSynchronizationActive()) {
			invites.forEach(process::start);
			return;
		}
		List<Invite> all = List.copyOf(invites);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				background.execute(() -> startInChunks(all));
			}
		});
	}

	private void startInChunks(List<Invite> invites) {
		long began = System.nanoTime();
		for (int from = 0; from < invites.size(); from += chunkSize) {
			List<Invite> chunk = invites.subList(from, Math.min(from + chunkSize, invites.size()));
			try {
				transactions.executeWithoutResult(status -> chunk.forEach(process::start));
			}
			catch (RuntimeException ex) {
				LOG.error("Could not start {} invites from {} on; they stay PENDING", chunk.size(), chunk.get(0).id(), ex);
			}
		}
		LOG.info("Started {} invite processes of batch {} in {} ms", invites.size(), invites.get(0).batchId(),
				(System.nanoTime() - began) / 1_000_000);
	}

	@Override
	public void destroy() {
		background.shutdown();
	}
}
