package uk.schooldata.approvals.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.web.CachedBodyRequest;

/**
 * Guards the webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}): apps never sign in to
 * the webapps, and failed sign-ins count against the client address in the {@link SignInThrottle}, as for HTTP
 * Basic.
 */
class WebappLoginGuard extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(WebappLoginGuard.class);

	private static final Pattern LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");

	private final SignInThrottle throttle;

	private final IdentityService identityService;

	private final ProblemResponses problems;

	private final ObjectMapper objectMapper;

	WebappLoginGuard(SignInThrottle throttle, IdentityService identityService, ProblemResponses problems,
			ObjectMapper objectMapper) {
		this.throttle = throttle;
		this.identityService = identityService;
		this.problems = problems;
		this.objectMapper = objectMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod())
				|| !LOGIN.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CachedBodyRequest cached = CachedBodyRequest.of(request);
		String username = username(cached);
		String address = request.getRemoteAddr();
		if (!throttle.mayTry(address, username)) {
			LOG.warn("Webapp sign-in from {} refused: throttled", address);
			problems.tooManyAttempts(response, Math.max(1, throttle.retryAfter().toSeconds()));
			return;
		}
		if (username != null && identityService.createUserQuery().userId(username).memberOfGroup(Roles.APPS).count() > 0) {
			LOG.warn("Webapp sign-in refused: {} is an app", username);
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			objectMapper.writeValue(response.getOutputStream(), ProblemResponses
				.forbidden("Apps use the API with HTTP Basic; they cannot sign in to Camunda's webapps."));
			return;
		}
		chain.doFilter(cached, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			throttle.failed(address, username);
		}
	}

	private static String username(CachedBodyRequest request) {
		String form = new String(request.body(), StandardCharsets.UTF_8);
		MultiValueMap<String, String> fields = UriComponentsBuilder.newInstance().query(form).build().getQueryParams();
		String raw = fields.getFirst("username");
		return raw == null ? null : UriUtils.decode(raw.replace('+', ' '), StandardCharsets.UTF_8);
	}
}
