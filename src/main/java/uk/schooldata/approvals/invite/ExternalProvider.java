package uk.schooldata.approvals.invite;

/**
 * The external accounts an invitee may sign in with.
 */
public enum ExternalProvider {
	GOOGLE, MICROSOFT, OFFICE_365, TWITTER, FACEBOOK
}
