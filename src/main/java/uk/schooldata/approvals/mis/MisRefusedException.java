package uk.schooldata.approvals.mis;

/**
 * The MIS answered, and refused for a reason a person has to act on. Processes turn it into a BPMN error they model.
 */
public class MisRefusedException extends RuntimeException {

	private final Reason reason;

	public MisRefusedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	public enum Reason {
		/** The MIS does not know the school (HTTP 404 on the school). */
		UNKNOWN_SCHOOL,
		/** The MIS does not allow the platform to do this (HTTP 403). */
		FORBIDDEN
	}
}
