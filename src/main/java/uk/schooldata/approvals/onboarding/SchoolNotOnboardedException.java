package uk.schooldata.approvals.onboarding;

import uk.schooldata.approvals.web.Refusal;

/**
 * Something only an onboarded ({@code ACTIVE}) school can take part in: a data access request, an invitation.
 */
public class SchoolNotOnboardedException extends Refusal {

	/**
	 * @param notYet what the school cannot do yet, e.g. "receive requests"
	 */
	public SchoolNotOnboardedException(String urn, String notYet) {
		super(Kind.CONFLICT, "school-not-onboarded", "School not onboarded",
				"School " + urn + " is not onboarded, so it cannot " + notYet + " yet.");
	}
}
