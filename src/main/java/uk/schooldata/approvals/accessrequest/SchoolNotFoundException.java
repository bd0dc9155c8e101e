package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * No school has this URN.
 */
public class SchoolNotFoundException extends Refusal {

	public SchoolNotFoundException(String urn) {
		super(Kind.NOT_FOUND, "school-not-found", "School not found", "No school with URN " + urn + " is registered.");
	}
}
