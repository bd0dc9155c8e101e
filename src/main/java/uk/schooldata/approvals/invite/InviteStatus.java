package uk.schooldata.approvals.invite;

/**
 * Where an invite stands. {@code PENDING}: recorded, the email not yet sent (or being sent again after a reinvite);
 * {@code SENT}: its link works; {@code ACCEPTED}: an external account is linked, permissions are awaited;
 * {@code ACTIVE}: permissions assigned; {@code EXPIRED}, {@code CANCELLED}: the link no longer works;
 * {@code FAILED}: the MIS had no email address for the person when it was time to send.
 */
public enum InviteStatus {

	PENDING, SENT, ACCEPTED, ACTIVE, EXPIRED, CANCELLED, FAILED;

	/** Whether a {@code user-invite} process is still running for the invite. */
	public boolean isOpen() {
		return this == PENDING || this == SENT || this == ACCEPTED;
	}
}
