package uk.schooldata.approvals.invite.signin.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import uk.schooldata.approvals.invite.signin.SignInProperties;
import uk.schooldata.approvals.invite.signin.SignInProviders;

/**
 * The four sign-in providers, simulated in-process for the default run and the tests, as the MIS is: a real OAuth 2.0
 * and OpenID Connect server ({@code no.nav.security:mock-oauth2-server}) on the loopback interface, one issuer per
 * provider ({@code /google}, {@code /microsoft}, {@code /facebook}, {@code /twitter}), with discovery, signed ID
 * tokens, PKCE checked, and a sign-in page where a person types the account they "have". Each provider's answer has
 * the real provider's shape (Facebook's {@code id}, X's {@code data}, Microsoft's {@code tid}), so the same code
 * reads the simulated and the real ones. Off in {@code prod}.
 */
@Component
@ConditionalOnProperty(name = "app.invite.sign-in.simulator.enabled", havingValue = "true")
public class SignInSimulator implements DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(SignInSimulator.class);

	/** The simulator does not check secrets; the registrations still send one, as with a real provider. */
	static final String CLIENT_SECRET = "simulator-secret";

	private final MockOAuth2Server server;

	/** Answers the next token requests get instead of tokens, for tests of a provider that misbehaves. */
	private final Deque<OAuth2HttpResponse> cannedTokenAnswers = new ConcurrentLinkedDeque<>();

	private final Path loginPage;

	public SignInSimulator(SignInProperties properties) {
		this.loginPage = copyOfTheSignInPage();
		Set<OAuth2TokenCallback> providers = new LinkedHashSet<>();
		for (String id : new String[] { SignInProviders.GOOGLE, SignInProviders.MICROSOFT, SignInProviders.FACEBOOK,
				SignInProviders.TWITTER }) {
			providers.add(new SimulatedProviderTokens(id));
		}
		this.server = new MockOAuth2Server(new OAuth2Config(true, loginPage.toString(), null, false,
				new OAuth2TokenProvider(), providers, new MockWebServerWrapper()), new CannedTokenAnswers());
		server.start(InetAddress.getLoopbackAddress(), properties.simulator().port());
		LOG.info("Sign-in providers simulated at {} (google, microsoft, facebook, twitter)", server.baseUrl());
	}

	/**
	 * The client registration for the simulated provider, as a real one is registered: OpenID Connect for Google and
	 * Microsoft, OAuth 2.0 and a user endpoint for Facebook and X.
	 */
	public ClientRegistration registration(String id) {
		boolean openIdConnect = SignInProviders.GOOGLE.equals(id) || SignInProviders.MICROSOFT.equals(id);
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(id)
			.clientId("school-data-approvals-" + id)
			.clientSecret(CLIENT_SECRET)
			.clientName(id + " (simulated)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri(server.authorizationEndpointUrl(id).toString())
			.tokenUri(server.tokenEndpointUrl(id).toString())
			.userInfoUri(server.userInfoUrl(id).toString());
		if (openIdConnect) {
			return builder.scope("openid", "email", "profile")
				.issuerUri(server.issuerUrl(id).toString())
				.jwkSetUri(server.jwksUrl(id).toString())
				.userNameAttributeName("sub")
				.build();
		}
		return builder.scope(SignInProviders.FACEBOOK.equals(id) ? "email" : "users.read")
			.userNameAttributeName(SignInProviders.FACEBOOK.equals(id) ? "id" : "data")
			.build();
	}

	/**
	 * Makes an authorization request to a simulated Facebook or X one the simulator takes: its sign-in page answers
	 * OpenID Connect requests only, so the address asks for {@code openid} too. The request as this application keeps
	 * it is unchanged, so the sign-in still goes the OAuth 2.0 way, through the user endpoint, as with the real ones.
	 */
	public void adapt(OAuth2AuthorizationRequest.Builder request) {
		Object provider = request.build().getAttributes().get(OAuth2ParameterNames.REGISTRATION_ID);
		if (SignInProviders.FACEBOOK.equals(provider) || SignInProviders.TWITTER.equals(provider)) {
			Set<String> scopes = new LinkedHashSet<>(request.build().getScopes());
			scopes.add("openid");
			// Spring builds this address without encoding it again: the space goes in encoded.
			request.authorizationRequestUri(uri -> uri.replaceQueryParam(OAuth2ParameterNames.SCOPE,
					UriUtils.encodeQueryParam(String.join(" ", scopes), StandardCharsets.UTF_8)).build());
		}
	}

	/**
	 * The issuer of one simulated provider, e.g. {@code http://localhost:41234/google}.
	 */
	public String issuer(String id) {
		return server.issuerUrl(id).toString();
	}

	/**
	 * Makes the next token request of any simulated provider get this answer instead of tokens: an error such as
	 * {@code invalid_grant} for a code that expired, or tokens a real provider would never issue.
	 */
	public void answerNextTokenRequestWith(int status, String json) {
		cannedTokenAnswers.add(new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status, json,
				null));
	}

	/**
	 * An ID token signed with the provider's own key, with whatever claims a test gives it.
	 */
	public String signedToken(String id, Map<String, Object> claims) {
		return server.anyToken(server.issuerUrl(id), claims, Duration.ofMinutes(10)).serialize();
	}

	/**
	 * The provider's signing keys, as its JWKS endpoint serves them.
	 */
	public String jwksUrl(String id) {
		return server.jwksUrl(id).toString();
	}

	/**
	 * Serves a canned answer to a token request while there is one.
	 */
	private final class CannedTokenAnswers implements Route {

		@Override
		public boolean match(OAuth2HttpRequest request) {
			return !cannedTokenAnswers.isEmpty() && request.getUrl().encodedPath().endsWith("/token");
		}

		@Override
		public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
			OAuth2HttpResponse answer = cannedTokenAnswers.poll();
			return answer != null ? answer : new OAuth2HttpResponse(Headers.of(), 500, "{}", null);
		}
	}

	@Override
	public void destroy() throws IOException {
		server.shutdown();
		Files.deleteIfExists(loginPage);
	}

	/**
	 * The mock server reads its sign-in page from a file.
	 */
	private static Path copyOfTheSignInPage() {
		try (InputStream page = new ClassPathResource("sign-in-simulator/sign-in.html").getInputStream()) {
			Path file = Files.createTempFile("sign-in-simulator", ".html");
			Files.copy(page, file, StandardCopyOption.REPLACE_EXISTING);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The sign-in simulator's page is missing from the classpath", ex);
		}
	}
}
