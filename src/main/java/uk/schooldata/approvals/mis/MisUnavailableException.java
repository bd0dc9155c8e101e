package uk.schooldata.approvals.mis;

/**
 * A technical failure talking to the MIS: a timeout, a connection error, a 5xx or 429 answer, or an answer that
 * cannot be read. Never handled in a process model: the engine retries the job and raises an incident when the
 * retries run out.
 */
public class MisUnavailableException extends RuntimeException {

	public MisUnavailableException(String message) {
		super(message);
	}

	public MisUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
