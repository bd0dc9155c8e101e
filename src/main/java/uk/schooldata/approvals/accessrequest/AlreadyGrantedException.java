package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * A request for nothing the app does not hold already.
 */
public class AlreadyGrantedException extends Refusal {

	public AlreadyGrantedException(String schoolUrn) {
		super(Kind.CONFLICT, "already-granted", "Already granted",
				"School " + schoolUrn + " has already granted every scope requested.");
	}
}
