package uk.schooldata.approvals.invite.signin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import uk.schooldata.approvals.invite.signin.simulator.SignInSimulator;

/**
 * The providers an invitee may sign in with: each real one this system has a client id for
 * ({@code app.invite.sign-in.providers.*}), else its simulator when that runs. Google and Microsoft speak OpenID
 * Connect (a signed ID token); Facebook and Twitter/X plain OAuth 2.0, the account read from their user endpoint.
 * Every authorization request carries PKCE, state and, for OpenID Connect, a nonce.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
public class SignInProviders {

	public static final String GOOGLE = "google";

	public static final String MICROSOFT = "microsoft";

	public static final String FACEBOOK = "facebook";

	public static final String TWITTER = "twitter";

	/** In the order the page offers them. */
	static final List<String> IDS = List.of(GOOGLE, MICROSOFT, FACEBOOK, TWITTER);

	static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

	private static final Map<String, SignInOption> OPTIONS = Map.of(
			GOOGLE, new SignInOption(GOOGLE, "Google", "a Gmail or Google account"),
			MICROSOFT, new SignInOption(MICROSOFT, "Microsoft or Office 365",
					"a personal Microsoft account (Outlook, Hotmail) or a work or school account"),
			FACEBOOK, new SignInOption(FACEBOOK, "Facebook", "your Facebook account"),
			TWITTER, new SignInOption(TWITTER, "X (Twitter)", "your X account"));

	/**
	 * @throws IllegalStateException when there is no provider at all: nobody could accept an invitation
	 */
	@Bean
	ClientRegistrationRepository clientRegistrations(SignInProperties properties,
			Optional<SignInSimulator> simulator) {
		List<ClientRegistration> registrations = new ArrayList<>();
		for (String id : IDS) {
			SignInProperties.Client client = properties.providers().get(id);
			if (client != null && client.isConfigured()) {
				registrations.add(real(id, client));
			}
			else {
				simulator.map(simulated -> simulated.registration(id)).ifPresent(registrations::add);
			}
		}
		if (registrations.isEmpty()) {
			throw new IllegalStateException("No sign-in provider is configured, so nobody could accept an invitation: "
					+ "set app.invite.sign-in.providers.<google|microsoft|facebook|twitter>.client-id and "
					+ "client-secret (README, \"Invitations\")");
		}
		return new InMemoryClientRegistrationRepository(registrations);
	}

	/**
	 * Spring's ID token checks for every OpenID Connect provider (signature, audience, expiry, nonce, and the issuer
	 * where the registration names one), and for real Microsoft the issuer check it cannot make itself.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory() {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		factory.setJwtValidatorFactory(registration -> {
			OAuth2TokenValidator<Jwt> standard = new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new OidcIdTokenValidator(registration));
			boolean realMicrosoft = MICROSOFT.equals(registration.getRegistrationId())
					&& registration.getProviderDetails().getIssuerUri() == null;
			return realMicrosoft ? new DelegatingOAuth2TokenValidator<>(standard, new MicrosoftIssuerValidator())
					: standard;
		});
		return factory;
	}

	/**
	 * The providers the page offers, in order: those with a registration.
	 */
	@Bean
	SignInOptions signInOptions(ClientRegistrationRepository registrations) {
		Map<String, SignInOption> offered = new LinkedHashMap<>();
		for (String id : IDS) {
			if (registrations.findByRegistrationId(id) != null) {
				offered.put(id, OPTIONS.get(id));
			}
		}
		return new SignInOptions(List.copyOf(offered.values()));
	}

	private static ClientRegistration real(String id, SignInProperties.Client client) {
		ClientRegistration.Builder builder = switch (id) {
			case GOOGLE -> CommonOAuth2Provider.GOOGLE.getBuilder(id).scope("openid", "email", "profile");
			case FACEBOOK -> CommonOAuth2Provider.FACEBOOK.getBuilder(id)
				.userInfoUri("https://graph.facebook.com/me?fields=id,name,email");
			case MICROSOFT -> ClientRegistration.withRegistrationId(id)
				.clientName("Microsoft")
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(REDIRECT_URI)
				.scope("openid", "email", "profile")
				// The "common" endpoints take personal and work or school accounts alike; each ID token's issuer
				// names its own tenant (MicrosoftIssuerValidator).
				.authorizationUri("https://login.microsoftonline.com/common/oauth2/v2.0/authorize")
				.tokenUri("https://login.microsoftonline.com/common/oauth2/v2.0/token")
				.jwkSetUri("https://login.microsoftonline.com/common/discovery/v2.0/keys")
				.userInfoUri("https://graph.microsoft.com/oidc/userinfo")
				.userNameAttributeName("sub");
			case TWITTER -> ClientRegistration.withRegistrationId(id)
				.clientName("X (Twitter)")
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(REDIRECT_URI)
				.scope("users.read", "tweet.read")
				.authorizationUri("https://x.com/i/oauth2/authorize")
				.tokenUri("https://api.x.com/2/oauth2/token")
				.userInfoUri("https://api.x.com/2/users/me")
				// X answers {"data": {"id": ..., "name": ..., "username": ...}}.
				.userNameAttributeName("data");
			default -> throw new IllegalArgumentException(id);
		};
		return builder.clientId(client.clientId()).clientSecret(client.clientSecret()).build();
	}
}
