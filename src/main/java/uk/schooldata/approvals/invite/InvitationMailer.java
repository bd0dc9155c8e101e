package uk.schooldata.approvals.invite;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.invite.MisPeople.Invitee;
import uk.schooldata.approvals.notification.Mailer;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * Sends an invitation or its reminder: reads the person's email address from the MIS now (not when the batch was
 * made), issues a fresh token whose hash alone is kept, and mails the link. The previous token stops working.
 */
@Component
class InvitationMailer {

	private static final Logger LOG = LoggerFactory.getLogger(InvitationMailer.class);

	static final String INVITATION_TEMPLATE = "invitation";

	static final String REMINDER_TEMPLATE = "invitation-reminder";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy")
		.withZone(ZoneId.of("Europe/London"));

	private final Invites invites;

	private final MisPeople people;

	private final Schools schools;

	private final Mailer mailer;

	private final InviteTimers timers;

	private final InviteProperties properties;

	InvitationMailer(Invites invites, MisPeople people, Schools schools, Mailer mailer, InviteTimers timers,
			InviteProperties properties) {
		this.invites = invites;
		this.people = people;
		this.schools = schools;
		this.mailer = mailer;
		this.timers = timers;
		this.properties = properties;
	}

	/**
	 * Sends the invitation, or the reminder; a reminder only while the invite is {@code SENT}.
	 *
	 * @return whether an email went out
	 * @throws BpmnError {@value UserInviteProcess#ERROR_UNREACHABLE} when the MIS no longer has the person, an email
	 * address for them, or (for a contact) the right to contact them
	 */
	boolean send(String inviteId, boolean reminder) {
		Invite invite = invites.findById(inviteId).orElseThrow();
		if (reminder && invite.status() != InviteStatus.SENT) {
			// Accepted (or being sent again) since the reminder fell due: a reminder now would carry a dead link.
			LOG.info("Invite {}: reminder not sent, the invite is {}", inviteId, invite.status());
			return false;
		}
		Optional<Invitee> person = people.find(invite.schoolUrn(), invite.sourceGroup(), invite.misPersonId());
		if (person.isEmpty() || person.get().ineligibility().isPresent()) {
			throw new BpmnError(UserInviteProcess.ERROR_UNREACHABLE, "The MIS has " + (person.isEmpty()
					? "no such person" : "reason " + person.get().ineligibility().get()) + " for invite " + inviteId);
		}
		String email = person.get().email();
		// The issue's number counts the links issued before, as committed: a retry of this send, here or on another
		// node after a crash, makes the same token, so every copy of the email carries a link that works.
		int issue = invites.tokensIssued(inviteId) + 1;
		String token = InviteTokens.token(properties.linkKey(), inviteId, issue);
		Instant now = ClockUtil.getCurrentTime().toInstant();
		Instant expiresAt = reminder ? invite.expiresAt() : timers.expiresAt(now);
		if (reminder) {
			invites.replaceToken(inviteId, email, InviteTokens.hash(token), now);
		}
		else {
			invites.markSent(inviteId, email, InviteTokens.hash(token), now, expiresAt);
		}
		String schoolName = schools.findByUrn(invite.schoolUrn()).map(School::name).orElse(invite.schoolUrn());
		mailer.sendOnce("invite:" + inviteId + ":" + issue, email, reminder ? REMINDER_TEMPLATE : INVITATION_TEMPLATE,
				Map.of("displayName", person.get().displayName(), "schoolName", schoolName, "link", link(token),
						"expiresAt", WHEN.format(expiresAt)));
		return true;
	}

	String link(String token) {
		String base = properties.baseUrl().endsWith("/") ? properties.baseUrl().substring(0, properties.baseUrl().length() - 1)
				: properties.baseUrl();
		return base + "/invitations/" + token;
	}
}
