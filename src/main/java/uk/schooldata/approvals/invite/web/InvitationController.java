package uk.schooldata.approvals.invite.web;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.invite.Acceptance;
import uk.schooldata.approvals.invite.ExternalProvider;
import uk.schooldata.approvals.invite.Invite;
import uk.schooldata.approvals.invite.InviteService;
import uk.schooldata.approvals.invite.InviteStatus;

/**
 * The one public route: an invitee accepts with the external account they signed in with. The token from the email
 * is the credential; no login.
 */
@RestController
class InvitationController {

	private final InviteService invites;

	InvitationController(InviteService invites) {
		this.invites = invites;
	}

	@PostMapping("/api/invitations/{token}/accept")
	Accepted accept(@PathVariable String token, @Valid @RequestBody Acceptance acceptance) {
		Invite invite = invites.accept(token, acceptance);
		return new Accepted(invite.id(), invite.status(), invite.externalProvider(),
				"Your account is linked. Your school will now give it its permissions.");
	}

	/**
	 * What the invitee learns: nothing about other people, nothing the token did not already name.
	 */
	record Accepted(String inviteId, InviteStatus status, ExternalProvider provider, String message) {
	}
}
