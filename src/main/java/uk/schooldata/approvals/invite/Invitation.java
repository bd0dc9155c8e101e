package uk.schooldata.approvals.invite;

import java.util.Optional;

/**
 * What a token from an invitation email leads to, as the invitee's page tells it.
 *
 * @param invite the invite the token was issued for; empty when no invite has it
 * @param schoolName the inviting school's name
 */
public record Invitation(State state, Optional<Invite> invite, String schoolName) {

	public enum State {
		/** The token works: the invitee may sign in and accept. */
		OPEN,
		EXPIRED,
		CANCELLED,
		/** Accepted already, with this token or another. */
		USED,
		/** A newer email was sent; its link works, this one does not. */
		REPLACED,
		/** No invitation has this token. */
		UNKNOWN
	}

	static Invitation unknown() {
		return new Invitation(State.UNKNOWN, Optional.empty(), null);
	}

	public boolean isOpen() {
		return state == State.OPEN;
	}
}
