package uk.schooldata.approvals.invite;

import uk.schooldata.approvals.web.Refusal;

/**
 * The external account is linked to another person already.
 */
public class ExternalAccountLinkedException extends Refusal {

	public ExternalAccountLinkedException(ExternalProvider provider) {
		super(Kind.CONFLICT, "external-account-linked", "External account already linked",
				"This " + provider + " account is already linked to another person.");
	}
}
