package uk.schooldata.approvals.invite.web;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import uk.schooldata.approvals.invite.signin.SignInProviders;
import uk.schooldata.approvals.invite.signin.simulator.SignInSimulator;

/**
 * The invitee's side, apart from everything else: the pages under {@code /invitation}, the provider sign-in
 * ({@code /oauth2/authorization/{provider}} and its callback {@code /login/oauth2/code/{provider}}) and their styles.
 * <ul>
 * <li>The session holds the invitation's token and, after the sign-in, the provider's account; nothing else in the
 * application accepts either (the API is HTTP Basic and stateless, the webapps have their own login).</li>
 * <li>Every authorization request carries state, PKCE and, for OpenID Connect, a nonce; Google and Microsoft are
 * asked to let the person choose the account, which matters on shared school computers.</li>
 * <li>CSRF protection on every form; no {@code Referer} leaves these pages; pages are not cached and load nothing
 * from elsewhere.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class InviteeSecurityConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(InviteeSecurityConfiguration.class);

	private final PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();

	@Bean
	@Order(0)
	SecurityFilterChain inviteeSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
			Optional<SignInSimulator> simulator) throws Exception {
		SimpleUrlAuthenticationSuccessHandler toConfirmation = new SimpleUrlAuthenticationSuccessHandler(
				"/invitation/confirm");
		toConfirmation.setAlwaysUseDefaultTargetUrl(true);
		return http
			.securityMatcher(new OrRequestMatcher(path.matcher("/invitations/**"), path.matcher("/invitation"),
					path.matcher("/invitation/**"), path.matcher("/oauth2/authorization/**"),
					path.matcher("/login/oauth2/code/**"), path.matcher("/webjars/**"), path.matcher("/invitee/**"),
					// GOV.UK Frontend's own asset paths: nothing is served there (404), and no login is asked for.
					path.matcher("/assets/**")))
			// Each page checks what it needs itself (a token in the session, a signed-in account) and says so.
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.oauth2Login(login -> login.loginPage("/invitation")
				.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver(registrations, simulator)))
				.successHandler(toConfirmation)
				.failureHandler((request, response, failure) -> {
					LOG.info("An invitee's sign-in failed: {}", failure.getMessage());
					response.sendRedirect("/invitation/sign-in-failed?why=" + why(failure));
				}))
			// A form whose CSRF token no longer fits (the session ended, or a forged post) gets a page, not a bare 403.
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(refusedPage()))
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
								+ "form-action 'self'; frame-ancestors 'none'")))
			.build();
	}

	private static AccessDeniedHandler refusedPage() {
		AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
		handler.setErrorPage("/invitation/refused");
		return handler;
	}

	/**
	 * PKCE for every provider (Spring adds it by itself only for public clients), and Google's and Microsoft's
	 * account chooser.
	 */
	private static OAuth2AuthorizationRequestResolver resolver(ClientRegistrationRepository registrations,
			Optional<SignInSimulator> simulator) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		Consumer<OAuth2AuthorizationRequest.Builder> customizer = OAuth2AuthorizationRequestCustomizers.withPkce()
			.andThen(request -> {
				String provider = (String) request.build().getAttributes().get(OAuth2ParameterNames.REGISTRATION_ID);
				if (SignInProviders.GOOGLE.equals(provider) || SignInProviders.MICROSOFT.equals(provider)) {
					request.additionalParameters(parameters -> parameters.put("prompt", "select_account"));
				}
			});
		resolver.setAuthorizationRequestCustomizer(simulator.map(simulated -> customizer.andThen(simulated::adapt))
			.orElse(customizer));
		// A provider nobody configured is not a server error: the request goes on, and finds no page (404).
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return known(request, () -> resolver.resolve(request));
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				return registrations.findByRegistrationId(registrationId) == null ? null
						: resolver.resolve(request, registrationId);
			}

			private OAuth2AuthorizationRequest known(HttpServletRequest request,
					Supplier<OAuth2AuthorizationRequest> resolve) {
				String path = request.getRequestURI();
				String id = path.substring(path.lastIndexOf('/') + 1);
				return path.startsWith("/oauth2/authorization/") && registrations.findByRegistrationId(id) == null
						? null : resolve.get();
			}
		};
	}

	/**
	 * Which page explains the failure; the provider's own words are not shown.
	 */
	private static String why(Exception failure) {
		String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
		return Map.of("access_denied", "declined", "authorization_request_not_found", "state", "invalid_state_parameter",
				"state", "invalid_grant", "expired").getOrDefault(code, "unverified");
	}
}
