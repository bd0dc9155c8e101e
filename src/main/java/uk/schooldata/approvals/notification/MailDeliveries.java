package uk.schooldata.approvals.notification;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which emails went to whom. A delivery is recorded in a transaction of its own the moment the mail server took it,
 * so that when a later recipient fails and the job is retried, the retry sends only to those still waiting.
 */
@Repository
class MailDeliveries {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	MailDeliveries(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	boolean wasSent(String deliveryKey, String recipient) {
		return jdbc.sql("select count(*) from mail_delivery where delivery_key = :key and recipient = :recipient")
			.param("key", deliveryKey)
			.param("recipient", recipient)
			.query(Long.class)
			.single() > 0;
	}

	void recordSent(String deliveryKey, String recipient, Instant at) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				insert into mail_delivery (delivery_key, recipient, sent_at) values (:key, :recipient, :at)
				""").param("key", deliveryKey).param("recipient", recipient).param("at", Timestamp.from(at)).update());
	}
}
