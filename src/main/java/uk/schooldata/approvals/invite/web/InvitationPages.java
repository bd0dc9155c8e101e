package uk.schooldata.approvals.invite.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.schooldata.approvals.invite.ExternalAccountLinkedException;
import uk.schooldata.approvals.invite.InvitationGoneException;
import uk.schooldata.approvals.invite.Invitation;
import uk.schooldata.approvals.invite.InviteService;
import uk.schooldata.approvals.invite.signin.ProviderAccount;
import uk.schooldata.approvals.invite.signin.ProviderAccounts;
import uk.schooldata.approvals.invite.signin.SignInOptions;
import uk.schooldata.approvals.invite.signin.SignInProperties;

/**
 * The invitee's pages, from the emailed link to a linked account.
 * <ol>
 * <li>{@code GET /invitations/{token}}: the link. The token moves into the session and the browser is sent on to
 * {@code /invitation}, so it is never again in an address bar, a history entry or a {@code Referer}.</li>
 * <li>{@code GET /invitation}: who invites whom, and a button per provider.</li>
 * <li>The provider's sign-in (Spring Security's OAuth 2.0 login), back to {@code /invitation/confirm}.</li>
 * <li>{@code GET /invitation/confirm}: "You are signed in to Google as …: link this account to …?", with a way to
 * use another account; {@code POST} links it (CSRF-protected).</li>
 * <li>{@code GET /invitation/done}: an administrator will now assign the permissions.</li>
 * </ol>
 * Each way it can go wrong has a page saying what happened and what to do, with the fitting status.
 */
@Controller
class InvitationPages {

	private static final Logger LOG = LoggerFactory.getLogger(InvitationPages.class);

	/** The session attribute that holds the token between the link and the linking. */
	static final String TOKEN = "invitation.token";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	private final InviteService invites;

	private final SignInOptions options;

	private final SignInProperties properties;

	InvitationPages(InviteService invites, SignInOptions options, SignInProperties properties) {
		this.invites = invites;
		this.options = options;
		this.properties = properties;
	}

	@GetMapping("/invitations/{token}")
	String openLink(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		Invitation invitation = invites.invitation(token);
		if (!invitation.isOpen()) {
			return ended(invitation, response, model);
		}
		signOut(request, response);
		request.getSession(true).setAttribute(TOKEN, token);
		return "redirect:/invitation";
	}

	@GetMapping("/invitation")
	String start(HttpSession session, HttpServletResponse response, Model model) {
		String token = tokenIn(session);
		if (token == null) {
			return noInvitation(response);
		}
		Invitation invitation = invites.invitation(token);
		if (!invitation.isOpen()) {
			return ended(invitation, response, model);
		}
		describe(invitation, model);
		model.addAttribute("options", options.all());
		return "invitation/start";
	}

	@GetMapping("/invitation/confirm")
	String confirm(HttpSession session, Authentication signedIn, HttpServletResponse response, Model model) {
		Step step = linking(session, signedIn, response, model);
		if (step.page() != null) {
			return step.page();
		}
		Invitation invitation = step.invitation();
		ProviderAccount account = step.account();
		if (invites.isLinked(account.provider(), account.subject())) {
			return linkedElsewhere(account, invitation, response, model);
		}
		return confirmation(invitation, account, model);
	}

	@PostMapping("/invitation/confirm")
	String linkAccount(HttpServletRequest request, HttpServletResponse response, Authentication signedIn, Model model,
			RedirectAttributes redirect) {
		Step step = linking(request.getSession(false), signedIn, response, model);
		if (step.page() != null) {
			return step.page();
		}
		String token = step.token();
		Invitation invitation = step.invitation();
		ProviderAccount account = step.account();
		if (mayNotLink(invitation, account)) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return confirmation(invitation, account, model);
		}
		try {
			invites.accept(token, account.acceptance());
		}
		catch (InvitationGoneException gone) {
			return ended(invites.invitation(token), response, model);
		}
		catch (ExternalAccountLinkedException linked) {
			return linkedElsewhere(account, invitation, response, model);
		}
		// Done with this session: the token is spent and the provider's tokens have no further use here.
		signOut(request, response);
		request.getSession(false).invalidate();
		redirect.addFlashAttribute("schoolName", invitation.schoolName());
		redirect.addFlashAttribute("personName", invitation.invite().orElseThrow().displayName());
		redirect.addFlashAttribute("account", account.shownAs());
		redirect.addFlashAttribute("providerLabel", account.providerLabel());
		return "redirect:/invitation/done";
	}

	/**
	 * Signs out of the provider's account here (not at the provider) and goes back to the choice of providers.
	 */
	@PostMapping("/invitation/switch")
	String switchAccount(HttpServletRequest request, HttpServletResponse response) {
		signOut(request, response);
		return "redirect:/invitation";
	}

	/**
	 * A form sent with a CSRF token that no longer fits: the session ended (left open too long) or the post was
	 * forged. Nothing was linked.
	 */
	@RequestMapping("/invitation/refused")
	String refused(HttpServletResponse response) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		return "invitation/refused";
	}

	@GetMapping("/invitation/done")
	String done(Model model) {
		return model.containsAttribute("schoolName") ? "invitation/done" : "redirect:/invitation";
	}

	@GetMapping("/invitation/sign-in-failed")
	String signInFailed(@RequestParam(defaultValue = "unverified") String why, HttpSession session,
			HttpServletResponse response, Model model) {
		SignInFailure failure = SignInFailure.named(why);
		response.setStatus(failure.status().value());
		model.addAttribute("failure", failure);
		model.addAttribute("hasInvitation", tokenIn(session) != null);
		return "invitation/sign-in-failed";
	}

	/**
	 * What confirming and linking both need: the token in the session, the invitation still open, and the account
	 * the provider vouched for; or else the page that says which is missing.
	 */
	private Step linking(HttpSession session, Authentication signedIn, HttpServletResponse response, Model model) {
		String token = tokenIn(session);
		if (token == null) {
			return Step.showing(noInvitation(response));
		}
		if (!(signedIn instanceof OAuth2AuthenticationToken oauth)) {
			return Step.showing("redirect:/invitation");
		}
		Invitation invitation = invites.invitation(token);
		if (!invitation.isOpen()) {
			return Step.showing(ended(invitation, response, model));
		}
		Optional<ProviderAccount> vouched = accountOf(oauth);
		if (vouched.isEmpty()) {
			return Step.showing(signInFailed(SignInFailure.UNVERIFIED.name().toLowerCase(), session, response, model));
		}
		return new Step(null, token, invitation, vouched.get());
	}

	/**
	 * Either a page to show instead, or what the linking needs.
	 */
	private record Step(String page, String token, Invitation invitation, ProviderAccount account) {

		static Step showing(String page) {
			return new Step(page, null, null, null);
		}
	}

	/**
	 * The account as the provider's answer gives it; empty when the answer lacks what identifies the account.
	 */
	private static Optional<ProviderAccount> accountOf(OAuth2AuthenticationToken signedIn) {
		try {
			return Optional.of(ProviderAccounts.of(signedIn));
		}
		catch (IllegalArgumentException unusable) {
			LOG.info("An invitee's provider answered without what identifies the account: {}", unusable.getMessage());
			return Optional.empty();
		}
	}

	private String confirmation(Invitation invitation, ProviderAccount account, Model model) {
		describe(invitation, model);
		model.addAttribute("account", account);
		model.addAttribute("emailDiffers", !sameAddress(invitation, account));
		model.addAttribute("mayLink", !mayNotLink(invitation, account));
		return "invitation/confirm";
	}

	/**
	 * Whether the school insists on the address the invitation went to and this account has another.
	 */
	private boolean mayNotLink(Invitation invitation, ProviderAccount account) {
		return !sameAddress(invitation, account)
				&& properties.emailMustMatchAt(invitation.invite().orElseThrow().schoolUrn());
	}

	/**
	 * Whether the provider vouches for the very address the invitation was sent to.
	 */
	private static boolean sameAddress(Invitation invitation, ProviderAccount account) {
		String invitedAt = invitation.invite().orElseThrow().email();
		return account.email() != null && invitedAt != null && account.email().equalsIgnoreCase(invitedAt);
	}

	private String linkedElsewhere(ProviderAccount account, Invitation invitation, HttpServletResponse response,
			Model model) {
		response.setStatus(HttpStatus.CONFLICT.value());
		describe(invitation, model);
		model.addAttribute("account", account);
		return "invitation/linked-elsewhere";
	}

	private String ended(Invitation invitation, HttpServletResponse response, Model model) {
		response.setStatus(invitation.state() == Invitation.State.UNKNOWN ? HttpStatus.NOT_FOUND.value()
				: HttpStatus.GONE.value());
		model.addAttribute("state", invitation.state().name());
		model.addAttribute("schoolName", invitation.schoolName());
		LOG.info("Invitation page: a link that is {} was opened", invitation.state());
		return "invitation/ended";
	}

	private static String noInvitation(HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		return "invitation/no-invitation";
	}

	private void describe(Invitation invitation, Model model) {
		var invite = invitation.invite().orElseThrow();
		model.addAttribute("schoolName", invitation.schoolName());
		model.addAttribute("personName", invite.displayName());
		model.addAttribute("expiresOn", invite.expiresAt() == null ? null : DAY.format(invite.expiresAt()));
	}

	private static String tokenIn(HttpSession session) {
		return session == null ? null : (String) session.getAttribute(TOKEN);
	}

	/**
	 * Forgets the provider's account in this session (the invitee stays signed in at the provider itself).
	 */
	private static void signOut(HttpServletRequest request, HttpServletResponse response) {
		SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();
		logout.setInvalidateHttpSession(false);
		logout.logout(request, response, null);
	}

	/**
	 * Why a sign-in at the provider did not end with an account, in the invitee's words.
	 */
	enum SignInFailure {

		DECLINED(HttpStatus.FORBIDDEN, "You did not share your account",
				"You chose not to let us see which account you signed in with, so we could not link it."),
		STARTED_ELSEWHERE(HttpStatus.BAD_REQUEST, "Your sign-in could not be matched",
				"The sign-in was started in another window or tab, or took too long."),
		EXPIRED(HttpStatus.BAD_REQUEST, "Your sign-in took too long",
				"The sign-in expired before it reached us."),
		UNVERIFIED(HttpStatus.UNAUTHORIZED, "We could not check your sign-in",
				"The answer from the sign-in service could not be verified, so nothing was linked.");

		private final HttpStatus status;

		private final String title;

		private final String explanation;

		SignInFailure(HttpStatus status, String title, String explanation) {
			this.status = status;
			this.title = title;
			this.explanation = explanation;
		}

		static SignInFailure named(String why) {
			return Map.of("declined", DECLINED, "state", STARTED_ELSEWHERE, "expired", EXPIRED)
				.getOrDefault(why, UNVERIFIED);
		}

		public HttpStatus status() {
			return status;
		}

		public String title() {
			return title;
		}

		public String explanation() {
			return explanation;
		}
	}
}
