package uk.schooldata.approvals.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.web.Problems;

/**
 * Answers an unauthenticated call with {@code 401} and a forbidden one with {@code 403}, both as
 * {@code application/problem+json}. Neither says whether the user exists.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

	static final String REALM = "Basic realm=\"School Data Approvals\"";

	private final ObjectMapper objectMapper;

	private final long retryAfterSeconds;

	ProblemResponses(ObjectMapper objectMapper, SignInThrottle throttle) {
		this.objectMapper = objectMapper;
		this.retryAfterSeconds = Math.max(1, throttle.retryAfter().toSeconds());
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof SignInThrottledException) {
			LOG.warn("{} {} answered 429: {}", request.getMethod(), Problems.loggable(request.getRequestURI()),
					ex.getMessage());
			tooManyAttempts(response, retryAfterSeconds);
			return;
		}
		LOG.warn("{} {} answered 401: {}", request.getMethod(), Problems.loggable(request.getRequestURI()),
				ex.getMessage());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
		write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
				"Sign in with HTTP Basic: your user id or app id and your password or app secret."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		LOG.warn("{} {} answered 403 to {}", request.getMethod(), Problems.loggable(request.getRequestURI()),
				request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName());
		write(response, forbidden("Your role does not allow this."));
	}

	/**
	 * {@code 429} for a sign-in refused by the {@link SignInThrottle}, with {@code Retry-After}.
	 */
	void tooManyAttempts(HttpServletResponse response, long retryAfterSeconds) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
				"Too many sign-in attempts", "Too many failed sign-ins came from your address. Wait "
						+ retryAfterSeconds + " seconds, then try again with the right password."));
	}

	static ProblemDetail forbidden(String detail) {
		return Problems.forbidden(detail).getBody();
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}
}
