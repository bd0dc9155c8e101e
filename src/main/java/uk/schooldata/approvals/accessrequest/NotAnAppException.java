package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * Only a registered app may ask a school for data.
 */
public class NotAnAppException extends Refusal {

	public NotAnAppException() {
		super(Kind.FORBIDDEN, "forbidden", "Forbidden", "Only registered apps may ask schools for data.");
	}
}
