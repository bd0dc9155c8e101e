package uk.schooldata.approvals.workflow;

/**
 * Checks a start of one process arriving through {@code /engine-rest} before it reaches the engine, so that bad input
 * is refused as clearly as through this application's own API and never half-starts an instance.
 * <p>
 * Each process that can be started from outside has one implementation, next to its {@code <Name>Process} class.
 */
public interface ProcessStartValidator {

	String processKey();

	/**
	 * @throws org.springframework.web.ErrorResponseException describing why the start is refused
	 */
	void validate(ProcessStart start);
}
