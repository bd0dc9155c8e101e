package uk.schooldata.approvals.invite;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
 * <p>
 * Every start first claims the invite ({@code process_started}) in its own transaction, so an invite is never started
 * twice, whichever node starts it. When the application starts, it starts any pending invite that a stopped node left
 * unstarted: a recorded invite is never lost.
 */
@Component
class InviteStarts implements DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(InviteStarts.class);

	private final UserInviteProcess process;

	private final Invites invites;

	private final TransactionTemplate transactions;

	private final int chunkSize;

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "invite-starts");
		thread.setDaemon(true);
		return thread;
	});

	InviteStarts(UserInviteProcess process, Invites invites, PlatformTransactionManager transactionManager,
			InviteProperties properties) {
		this.process = process;
		this.invites = invites;
		this.transactions = new TransactionTemplate(transactionManager);
		this.chunkSize = properties.startChunkSize();
	}

	void start(List<Invite> toStart) {
		if (toStart.size() <= chunkSize || !TransactionSynchronizationManager.isSynchronizationActive()) {
			toStart.forEach(this::startOnce);
			return;
		}
		List<Invite> all = List.copyOf(toStart);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				background.execute(() -> startInChunks(all));
			}
		});
	}

	private void startInChunks(List<Invite> toStart) {
		long began = System.nanoTime();
		for (int from = 0; from < toStart.size(); from += chunkSize) {
			List<Invite> chunk = toStart.subList(from, Math.min(from + chunkSize, toStart.size()));
			try {
				transactions.executeWithoutResult(status -> chunk.forEach(this::startOnce));
			}
			catch (RuntimeException ex) {
				LOG.error("Could not start {} invites from {} on; they stay PENDING until the application next starts",
						chunk.size(), chunk.get(0).id(), ex);
			}
		}
		LOG.info("Started the processes of {} invites of batch {} in {} ms", toStart.size(), toStart.get(0).batchId(),
				(System.nanoTime() - began) / 1_000_000);
	}

	private void startOnce(Invite invite) {
		if (invites.claimStart(invite.id())) {
			process.start(invite);
		}
	}

	/**
	 * Starts what a stopped node left unstarted.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void startLeftovers() {
		List<Invite> unstarted = invites.unstarted();
		if (!unstarted.isEmpty()) {
			LOG.info("Starting {} pending invites left unstarted", unstarted.size());
			background.execute(() -> startInChunks(unstarted));
		}
	}

	@Override
	public void destroy() {
		background.shutdown();
	}
}
