package uk.schooldata.approvals.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database cannot be reached: not the caller's mistake and not a bug, so the caller is told {@code 503} with
 * {@code Retry-After}, in plain words, whichever part of the request met it (the sign-in, the API, Camunda's REST API).
 * Nothing was saved: every write happens in a transaction that never began or never committed.
 */
public final class DatabaseUnavailable {

	/** How long a caller is asked to wait: the readiness probe notices the outage within this time too. */
	public static final int RETRY_AFTER_SECONDS = 30;

	/** SQLSTATE class 08: connection exception. */
	private static final String CONNECTION_EXCEPTION = "08";

	private DatabaseUnavailable() {
	}

	/**
	 * Whether the failure, or anything that caused it, says the database could not be reached.
	 */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

	public static ProblemDetail problem() {
		return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service unavailable",
				"The service cannot reach its database just now, so nothing was saved. Try again in "
						+ RETRY_AFTER_SECONDS + " seconds.");
	}
}
