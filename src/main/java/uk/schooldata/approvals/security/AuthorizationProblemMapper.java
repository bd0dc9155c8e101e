package uk.schooldata.approvals.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Answers Camunda's own REST API with {@code 403 application/problem+json} when the engine's authorization check
 * refuses, like the rest of this application.
 */
@Provider
public class AuthorizationProblemMapper implements ExceptionMapper<AuthorizationException> {

	private static final Logger LOG = LoggerFactory.getLogger(AuthorizationProblemMapper.class);

	@Override
	public Response toResponse(AuthorizationException ex) {
		LOG.warn("Engine REST call refused for {}: {}", ex.getUserId(), ex.getMessage());
		ProblemDetail problem = ProblemResponses.forbidden(ex.getMessage());
		return Response.status(Response.Status.FORBIDDEN)
			.type(MediaType.valueOf(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.entity(problem)
			.build();
	}
}
