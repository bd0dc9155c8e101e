package uk.schooldata.approvals.invite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.schooldata.approvals.invite.MisPeople.Invitee;
import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.SchoolNotOnboardedException;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * Invites a school's people, and answers for the invites: lists, reinvites, cancellations and acceptances. Who may
 * call what is the web adapter's business; the acceptance's credential is the token.
 */
@Service
public class InviteService {

	private static final Logger LOG = LoggerFactory.getLogger(InviteService.class);

	private final Invites invites;

	private final MisPeople people;

	private final Schools schools;

	private final InviteBatchProcess batchProcess;

	private final UserInviteProcess process;

	InviteService(Invites invites, MisPeople people, Schools schools, InviteBatchProcess batchProcess,
			UserInviteProcess process) {
		this.invites = invites;
		this.people = people;
		this.schools = schools;
		this.batchProcess = batchProcess;
		this.process = process;
	}

	/**
	 * Records a batch and its invites, skipping whoever cannot or need not be invited, and starts its
	 * {@code invite-batch} instance, whose jobs start one {@code user-invite} per invite, a chunk at a time, once the
	 * batch is committed.
	 */
	@Transactional
	public InviteBatch invite(String urn, InviteRequest request, String invitedBy) {
		check(urn, request);
		boolean byGroup = !request.groupIds().isEmpty();
		List<Invitee> candidates = people.list(urn, request.sourceGroup(), byGroup ? request.groupIds() : null);
		Map<String, InviteStatus> existing = invites.openOrActiveByPerson(urn, request.sourceGroup());
		List<InviteBatch.Skipped> skipped = new ArrayList<>();
		List<Invitee> chosen = new ArrayList<>();
		if (byGroup) {
			chosen.addAll(candidates);
		}
		else {
			Map<String, Invitee> byId = new HashMap<>();
			candidates.forEach(person -> byId.put(person.id(), person));
			for (String personId : new LinkedHashSet<>(request.personIds())) {
				Invitee person = byId.get(personId);
				if (person == null) {
					skipped.add(new InviteBatch.Skipped(personId, SkipReason.UNKNOWN_PERSON));
				}
				else {
					chosen.add(person);
				}
			}
		}
		String batchId = UUID.randomUUID().toString();
		Instant now = ClockUtil.getCurrentTime().toInstant();
		List<Invite> made = new ArrayList<>();
		for (Invitee person : chosen) {
			Optional<SkipReason> reason = person.ineligibility();
			InviteStatus status = existing.get(person.id());
			if (reason.isEmpty() && status != null) {
				reason = Optional.of(status == InviteStatus.ACTIVE || status == InviteStatus.ACCEPTED
						? SkipReason.ALREADY_ACTIVE : SkipReason.ALREADY_INVITED);
			}
			if (reason.isPresent()) {
				skipped.add(new InviteBatch.Skipped(person.id(), reason.get()));
				continue;
			}
			made.add(new Invite(UUID.randomUUID().toString(), batchId, urn, request.sourceGroup(), person.id(),
					person.displayName(), null, InviteStatus.PENDING, now, null, null, null, null, null, List.of(), null));
		}
		invites.addBatch(batchId, urn, request.sourceGroup(), invitedBy, now, made.size(), skipped);
		invites.addAll(made);
		batchProcess.start(batchId, urn);
		LOG.info("Batch {}: {} {} of school {} invited, {} skipped", batchId, made.size(), request.sourceGroup(), urn,
				skipped.size());
		return invites.findBatch(batchId).orElseThrow();
	}

	public Optional<InviteBatch> batch(String batchId) {
		return invites.findBatch(batchId);
	}

	public Optional<Invite> find(String inviteId) {
		return invites.findById(inviteId);
	}

	public List<Invite> list(String urn, InviteStatus status, SourceGroup sourceGroup) {
		return invites.find(urn, status, sourceGroup);
	}

	/**
	 * Sends a sent, expired or failed invite again: the MIS's email address now, a new token, the old one dead at
	 * once, and the full expiry from the new email.
	 */
	@Transactional
	public Invite reinvite(String inviteId, String by) {
		Instant now = ClockUtil.getCurrentTime().toInstant();
		Invite invite = invites.findById(inviteId).orElseThrow(() -> notFound(inviteId));
		switch (invite.status()) {
			case PENDING -> {
				// Being sent already.
			}
			case SENT -> {
				invites.changeStatus(inviteId, EnumSet.of(InviteStatus.SENT), InviteStatus.PENDING, by, now);
				process.reinvite(inviteId);
			}
			case EXPIRED, FAILED -> {
				invites.changeStatus(inviteId, EnumSet.of(invite.status()), InviteStatus.PENDING, by, now);
				invites.releaseStart(inviteId);
				startOnce(invite);
			}
			default -> throw new InviteClosedException(
					"Invite " + inviteId + " is " + invite.status() + " and cannot be sent again.");
		}
		LOG.info("Invite {}: reinvite requested", inviteId);
		return invites.findById(inviteId).orElseThrow();
	}

	/**
	 * Sends every expired invite of the school again.
	 *
	 * @return how many
	 */
	@Transactional
	public int reinviteExpired(String urn, String by) {
		Instant now = ClockUtil.getCurrentTime().toInstant();
		List<Invite> expired = new ArrayList<>();
		for (String id : invites.expiredIds(urn)) {
			if (invites.changeStatus(id, EnumSet.of(InviteStatus.EXPIRED), InviteStatus.PENDING, by, now)) {
				invites.releaseStart(id);
				expired.add(invites.findById(id).orElseThrow());
			}
		}
		expired.forEach(this::startOnce);
		LOG.info("School {}: {} expired invites sent again", urn, expired.size());
		return expired.size();
	}

	/**
	 * Starts the invite's instance, unless something else started it first.
	 */
	private void startOnce(Invite invite) {
		if (invites.claimStart(invite.id())) {
			process.start(invite);
		}
	}

	/**
	 * Cancels an invite that has not become active: its link stops working at once.
	 */
	@Transactional
	public Invite cancel(String inviteId, String by) {
		Invite invite = invites.findById(inviteId).orElseThrow(() -> notFound(inviteId));
		if (invite.status() == InviteStatus.ACTIVE) {
			throw new InviteClosedException(
					"Invite " + inviteId + " has been accepted and its permissions assigned; it cannot be cancelled.");
		}
		if (invite.status() != InviteStatus.CANCELLED) {
			invites.changeStatus(inviteId, EnumSet.complementOf(EnumSet.of(InviteStatus.ACTIVE, InviteStatus.CANCELLED)),
					InviteStatus.CANCELLED, by, ClockUtil.getCurrentTime().toInstant());
			if (invite.status().isOpen()) {
				process.cancel(inviteId);
			}
			LOG.info("Invite {}: cancelled", inviteId);
		}
		return invites.findById(inviteId).orElseThrow();
	}

	/**
	 * What the token from an invitation email leads to: an invitation still open, or why not.
	 */
	public Invitation invitation(String token) {
		String hash = InviteTokens.hash(token);
		Optional<Invite> found = invites.findByIssuedToken(hash);
		if (found.isEmpty()) {
			return Invitation.unknown();
		}
		Invite invite = found.get();
		String schoolName = schools.findByUrn(invite.schoolUrn()).map(School::name).orElse(invite.schoolUrn());
		return new Invitation(state(invite, hash), found, schoolName);
	}

	/**
	 * Whether this provider's account is linked to an invite already, so it cannot be linked to another.
	 */
	public boolean isLinked(ExternalProvider provider, String externalSubject) {
		return invites.linkedTo(provider, externalSubject).isPresent();
	}

	private Invitation.State state(Invite invite, String hash) {
		boolean expired = invite.expiresAt() != null
				&& !ClockUtil.getCurrentTime().toInstant().isBefore(invite.expiresAt());
		return switch (invite.status()) {
			case EXPIRED -> Invitation.State.EXPIRED;
			case CANCELLED -> Invitation.State.CANCELLED;
			case ACCEPTED, ACTIVE -> Invitation.State.USED;
			case SENT -> !invites.currentTokenHash(invite.id()).filter(hash::equals).isPresent()
					? Invitation.State.REPLACED : expired ? Invitation.State.EXPIRED : Invitation.State.OPEN;
			default -> expired ? Invitation.State.EXPIRED : Invitation.State.REPLACED;
		};
	}

	/**
	 * Links the invitee's external account to the invite, once, and hands it to the school's administrators for
	 * permissions. The account has none until then.
	 *
	 * @param acceptance the account as its provider vouched for it: never what a browser said
	 */
	@Transactional
	public Invite accept(String token, Acceptance acceptance) {
		String hash = InviteTokens.hash(token);
		Invite invite = invites.findByIssuedToken(hash)
			.orElseThrow(InvitationNotFoundException::new);
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (state(invite, hash) != Invitation.State.OPEN) {
			throw gone(invite);
		}
		Optional<String> linked = invites.linkedTo(acceptance.provider(), acceptance.externalSubject());
		if (linked.isPresent()) {
			throw alreadyLinked(acceptance);
		}
		try {
			if (!invites.accept(invite.id(), hash, acceptance, now)) {
				throw gone(invite);
			}
		}
		catch (DuplicateKeyException ex) {
			throw alreadyLinked(acceptance);
		}
		process.accepted(invite.id());
		LOG.info("Invite {}: accepted with a {} account", invite.id(), acceptance.provider());
		return invites.findById(invite.id()).orElseThrow();
	}

	private void check(String urn, InviteRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		boolean byPerson = !request.personIds().isEmpty();
		boolean byGroup = !request.groupIds().isEmpty();
		if (byPerson == byGroup) {
			problems.add(new FieldProblem("personIds", "or groupIds: give exactly one of them, not empty"));
		}
		if (byGroup && request.sourceGroup() == SourceGroup.STAFF) {
			problems.add(new FieldProblem("groupIds", "cannot be used for STAFF: invite staff one by one by personIds"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		schools.findByUrn(urn)
			.filter(school -> school.status() == OnboardingStatus.ACTIVE)
			.orElseThrow(() -> new SchoolNotOnboardedException(urn, "invite anyone"));
		if (byGroup) {
			Set<String> known = people.registrationGroups(urn);
			List<String> unknown = request.groupIds().stream().filter(id -> !known.contains(id)).toList();
			if (!unknown.isEmpty()) {
				throw new InvalidRequestException(List.of(new FieldProblem("groupIds",
						"has groups the MIS does not know: " + String.join(", ", unknown))));
			}
		}
	}

	public static InviteNotFoundException notFound(String inviteId) {
		return new InviteNotFoundException(inviteId);
	}

	private static InvitationGoneException gone(Invite invite) {
		String why = switch (invite.status()) {
			case EXPIRED -> "has expired";
			case CANCELLED -> "was cancelled";
			case ACCEPTED, ACTIVE -> "has been used";
			default -> invite.expiresAt() != null && !ClockUtil.getCurrentTime().toInstant().isBefore(invite.expiresAt())
					? "has expired" : "has been replaced by a newer invitation";
		};
		return new InvitationGoneException(why);
	}

	private static ExternalAccountLinkedException alreadyLinked(Acceptance acceptance) {
		return new ExternalAccountLinkedException(acceptance.provider());
	}
}
