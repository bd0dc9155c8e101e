package uk.schooldata.approvals.invite.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.web.Refusal;

/**
 * The old way of accepting, gone: a request body that merely stated which account the invitee had. An account is
 * now linked only as its provider vouches for it, on the invitation's page ({@link InvitationPages}). Links in
 * emails sent before the change still lead there.
 */
@RestController
class InvitationController {

	@GetMapping("/api/invitations/{token}/accept")
	ResponseEntity<Void> oldLink(@PathVariable String token) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/invitations/" + token)).build();
	}

	@PostMapping("/api/invitations/{token}/accept")
	void accept(@PathVariable String token) {
		throw new AcceptOnThePageRefusal();
	}

	/**
	 * Answered {@code 410}: the route is gone for good, and where to go instead.
	 */
	static class AcceptOnThePageRefusal extends Refusal {

		AcceptOnThePageRefusal() {
			super(Kind.GONE, "accept-on-the-invitation-page", "Accept on the invitation page",
					"Invitations are no longer accepted through this API: open the link in the invitation email "
							+ "(/invitations/{token}) and sign in with Google, Microsoft, Facebook or X there, so that "
							+ "the provider vouches for the account.");
		}
	}
}
