package uk.schooldata.approvals.invite.signin;

import java.util.Map;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

import uk.schooldata.approvals.invite.ExternalProvider;

/**
 * Reads the account from what the provider answered, each in its own shape: Google's and Microsoft's verified ID
 * tokens (OpenID Connect), Facebook's {@code /me} and Twitter/X's {@code /2/users/me} answers, fetched by Spring
 * Security with the access token the provider issued. Nothing here comes from the browser.
 */
public final class ProviderAccounts {

	/** The tenant of every personal Microsoft account; any other tenant is a work or school (Office 365) one. */
	static final String MICROSOFT_PERSONAL_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

	private ProviderAccounts() {
	}

	/**
	 * @throws IllegalArgumentException for a registration this system does not know, or an answer without the
	 * account's id
	 */
	public static ProviderAccount of(OAuth2AuthenticationToken signedIn) {
		OAuth2User user = signedIn.getPrincipal();
		return switch (signedIn.getAuthorizedClientRegistrationId()) {
			case SignInProviders.GOOGLE -> google((OidcUser) user);
			case SignInProviders.MICROSOFT -> microsoft((OidcUser) user);
			case SignInProviders.FACEBOOK -> new ProviderAccount(ExternalProvider.FACEBOOK,
					required(user.getAttribute("id"), "id"), user.getAttribute("email"), user.getAttribute("name"),
					"Facebook");
			case SignInProviders.TWITTER -> twitter(user.getAttribute("data"));
			default -> throw new IllegalArgumentException(
					"Unknown sign-in provider " + signedIn.getAuthorizedClientRegistrationId());
		};
	}

	private static ProviderAccount google(OidcUser user) {
		// Google vouches for the address only when it says it has verified it.
		String email = Boolean.TRUE.equals(user.getEmailVerified()) ? user.getEmail() : null;
		return new ProviderAccount(ExternalProvider.GOOGLE, required(user.getSubject(), "sub"), email,
				user.getFullName(), "Google");
	}

	private static ProviderAccount microsoft(OidcUser user) {
		String tenant = user.getClaimAsString("tid");
		boolean personal = MICROSOFT_PERSONAL_TENANT.equals(tenant);
		String email = user.getEmail() != null ? user.getEmail() : user.getPreferredUsername();
		return new ProviderAccount(personal ? ExternalProvider.MICROSOFT : ExternalProvider.OFFICE_365,
				required(user.getSubject(), "sub"), email != null && email.contains("@") ? email : null,
				user.getFullName(), personal ? "Microsoft" : "Office 365");
	}

	private static ProviderAccount twitter(Map<String, Object> data) {
		if (data == null) {
			throw new IllegalArgumentException("Twitter/X answered without the account's data");
		}
		String handle = (String) data.get("username");
		return new ProviderAccount(ExternalProvider.TWITTER, required((String) data.get("id"), "data.id"), null,
				handle != null ? "@" + handle : (String) data.get("name"), "X (Twitter)");
	}

	private static String required(Object value, String name) {
		if (value == null || value.toString().isBlank()) {
			throw new IllegalArgumentException("The provider's answer has no " + name);
		}
		return value.toString();
	}
}
