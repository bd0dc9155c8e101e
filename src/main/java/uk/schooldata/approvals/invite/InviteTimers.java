package uk.schooldata.approvals.invite;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The timers of {@code user-invite}, as ISO-8601 durations from {@code app.invite.*}; the BPMN reads them as
 * {@code ${inviteTimers.expiry()}} and {@code ${inviteTimers.reminder()}}, and the expiry shown to the invitee comes
 * from the same duration, so the two agree.
 */
@Component("inviteTimers")
public class InviteTimers {

	private final InviteProperties properties;

	InviteTimers(InviteProperties properties) {
		this.properties = properties;
	}

	public String expiry() {
		return properties.expiry().toString();
	}

	public String reminder() {
		return properties.reminder().toString();
	}

	/**
	 * When the digest of expired invitations goes out ({@code expired-invites-digest}'s timer start event).
	 */
	public String digestCron() {
		return properties.digestCron();
	}

	/**
	 * When the nightly erasure of ended invitations' personal data runs ({@code invitee-data-erasure}'s timer start
	 * event).
	 */
	public String erasureCron() {
		return properties.erasureCron();
	}

	/**
	 * Invites that ended before this instant have their personal data erased.
	 */
	Instant personalDataEndedBefore(Instant now) {
		return properties.personalDataRetention().before(now);
	}

	/**
	 * When an invitation sent at {@code sentAt} expires: where the expiry timer fires.
	 */
	Instant expiresAt(Instant sentAt) {
		return properties.expiry().after(sentAt);
	}
}
