package uk.schooldata.approvals.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may call what.
 * <ul>
 * <li>{@code /api/**}, its OpenAPI description ({@code /v3/api-docs}) and Swagger UI, and {@code /engine-rest/**}:
 * HTTP Basic against Camunda's identity service, stateless; the engine then runs each {@code /engine-rest} call as
 * that user, so Camunda's authorizations and tenant checks apply.</li>
 * <li>The Camunda webapps ({@code /camunda/**}) keep their own login, session and CSRF protection.</li>
 * <li>The invitee's pages and sign-in ({@code /invitation/**}, {@code /oauth2/**}) have a chain of their own
 * ({@code InviteeSecurityConfiguration}, order 0).</li>
 * <li>{@code /actuator/**}: health open, with details for platform operators; Prometheus metrics for operators and
 * the metrics scraper ({@value Roles#METRICS_SCRAPERS}); nothing else.</li>
 * <li>Open without login: {@code /api/invitations/{token}/accept}, which only points to the invitation's page (and,
 * in the demo, the MIS simulator, which checks its own API key, and the demo app's webhook receiver, which checks
 * signatures).</li>
 * <li>Everything else is denied.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** After Spring Security's filter chain (order -100), so that the user is known. */
	static final int ENGINE_AUTHENTICATION_ORDER = 0;

	/**
	 * Paths as the client sends them, whichever servlet serves them: Spring MVC for /api, Jersey for /engine-rest.
	 */
	private final PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, IdentityAuthenticationProvider identities,
			ProblemResponses problems) throws Exception {
		http
			.securityMatcher(new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/engine-rest/**"),
					path.matcher("/v3/api-docs"), path.matcher("/v3/api-docs/**"), path.matcher("/swagger-ui.html"),
					path.matcher("/swagger-ui/**")))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/schools"), path.matcher(HttpMethod.POST, "/api/apps"))
				.hasAuthority(Roles.PLATFORM_ADMINS)
				// The old acceptance route: links in emails sent before are sent on to the invitation's page, and a
				// POST is told it is gone (InvitationController).
				.requestMatchers(path.matcher("/api/invitations/{token}/accept")).permitAll()
				.anyRequest().authenticated());
		return statelessBasic(http, identities, problems);
	}

	/**
	 * Operations: health open to everyone, with details only for platform operators; the metrics for operators and the
	 * monitoring system's scraper; nothing else.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain operationsSecurity(HttpSecurity http, IdentityAuthenticationProvider identities,
			ProblemResponses problems) throws Exception {
		http.securityMatcher(path.matcher("/actuator/**"))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(path.matcher(HttpMethod.GET, "/actuator/health"),
						path.matcher(HttpMethod.GET, "/actuator/health/**"))
				.permitAll()
				.requestMatchers(path.matcher(HttpMethod.GET, "/actuator/prometheus"))
				.hasAnyAuthority(Roles.PLATFORM_ADMINS, Roles.METRICS_SCRAPERS)
				.requestMatchers(path.matcher(HttpMethod.GET, "/actuator/info"))
				.hasAuthority(Roles.PLATFORM_ADMINS)
				.anyRequest()
				.denyAll());
		return statelessBasic(http, identities, problems);
	}

	/**
	 * HTTP Basic against Camunda's identity service, stateless, every refusal a problem: no session cookie for a
	 * forged request to ride on, so no CSRF token either.
	 */
	private static SecurityFilterChain statelessBasic(HttpSecurity http, IdentityAuthenticationProvider identities,
			ProblemResponses problems) throws Exception {
		return http.authenticationManager(new ProviderManager(identities))
			.httpBasic(basic -> basic.realmName("School Data Approvals").authenticationEntryPoint(problems))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain everythingElse(HttpSecurity http, ProblemResponses problems) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests
				// The Camunda webapps authenticate with their own login form and protect themselves against CSRF.
				.requestMatchers(path.matcher("/camunda/**"), path.matcher("/"), path.matcher("/error")).permitAll()
				// The webapps' login pages probe /camunda-welcome; a Basic challenge there would pop up the browser's
				// own login box over Camunda's form. Nothing is served there: it answers 404.
				.requestMatchers(path.matcher("/camunda-welcome")).permitAll()
				// The simulated MIS checks its own API key, as the real one does; it is off in prod.
				.requestMatchers(path.matcher("/mis-sim/**")).permitAll()
				// The demo app's webhook receiver checks each webhook's signature; it exists only in the demo.
				.requestMatchers(path.matcher(HttpMethod.POST, "/demo-app/webhooks")).permitAll()
				.anyRequest().denyAll())
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

	/**
	 * No observation per security filter: it wrapped every filter of every request in a Micrometer observation, a
	 * tenth of a data-flow check's time (docs/benchmarks.md). Each request is still measured as a whole
	 * ({@code http_server_requests_seconds}).
	 */
	@Bean
	SecurityObservationSettings noSecurityFilterObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Runs every {@code /engine-rest} call as the user Spring Security authenticated, with their groups and tenants.
	 */
	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				ContainerBasedAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(ENGINE_AUTHENTICATION_ORDER);
		return registration;
	}

	/**
	 * Default deny on Camunda's generic REST surfaces, after the engine knows who calls {@code /engine-rest}.
	 */
	@Bean
	FilterRegistrationBean<CamundaApiFirewall> camundaApiFirewall(CamundaApiPolicy policy, FormFields formFields,
			TaskService taskService, ObjectMapper objectMapper) {
		FilterRegistrationBean<CamundaApiFirewall> registration = new FilterRegistrationBean<>(
				new CamundaApiFirewall(policy, formFields, taskService, objectMapper));
		registration.setName("camunda-api-firewall");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
		registration.setOrder(ENGINE_AUTHENTICATION_ORDER + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<WebappLoginGuard> webappLoginGuard(SignInThrottle throttle, IdentityService identityService,
			ProblemResponses problems, ObjectMapper objectMapper) {
		FilterRegistrationBean<WebappLoginGuard> registration = new FilterRegistrationBean<>(
				new WebappLoginGuard(throttle, identityService, problems, objectMapper));
		registration.setName("webapp-login-guard");
		registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
		registration.setOrder(ENGINE_AUTHENTICATION_ORDER);
		return registration;
	}

	@Bean
	ResourceConfigCustomizer engineRestProblems() {
		return config -> config.register(AuthorizationProblemMapper.class)
			.register(EngineRestProblemMappers.ForProcessEngineException.class)
			.register(EngineRestProblemMappers.ForRestException.class);
	}
}
