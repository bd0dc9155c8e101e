package uk.schooldata.approvals.invite.signin;

import uk.schooldata.approvals.invite.Acceptance;
import uk.schooldata.approvals.invite.ExternalProvider;

/**
 * The account an invitee signed in with, as its provider vouched for it in a verified ID token or its user-info
 * answer.
 *
 * @param email the address the provider gives, verified where the provider says so; {@code null} when it gives none
 * (Twitter/X)
 * @param name how the provider names the person, or the account's handle
 * @param providerLabel the provider as the invitee knows it ("Google", "Office 365")
 */
public record ProviderAccount(ExternalProvider provider, String subject, String email, String name,
		String providerLabel) {

	public Acceptance acceptance() {
		return new Acceptance(provider, subject, email);
	}

	/**
	 * How the page names the account: its email address, else its name.
	 */
	public String shownAs() {
		return email != null ? email : name != null ? name : providerLabel + " account";
	}
}
