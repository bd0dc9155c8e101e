package uk.schooldata.approvals.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Camunda's REST API answers {@code 500} when its tenant check refuses a command on another tenant's task or
 * instance. A school administrator reaching for another school's work is forbidden, not a server error: these mappers
 * answer {@code 403 application/problem+json} for it and leave every other error to Camunda's own handling.
 */
final class TenantProblemMappers {

	private static final Logger LOG = LoggerFactory.getLogger(TenantProblemMappers.class);

	/** What Camunda's tenant check says, in ENGINE-13034 and its siblings. */
	private static final String OTHER_TENANT = "belongs to no authenticated tenant";

	private TenantProblemMappers() {
	}

	static Response toResponse(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains(OTHER_TENANT)) {
				LOG.warn("Engine REST call refused by the tenant check: {}", cause.getMessage());
				ProblemDetail problem = ProblemResponses
					.forbidden("This belongs to a school you are not a member of.");
				return Response.status(Response.Status.FORBIDDEN)
					.type(MediaType.valueOf(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))
					.entity(problem)
					.build();
			}
		}
		return ExceptionHandlerHelper.getInstance().getResponse(ex);
	}

	@Priority(1)
	public static class ForProcessEngineException implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException ex) {
			return TenantProblemMappers.toResponse(ex);
		}
	}

	@Priority(1)
	public static class ForRestException implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException ex) {
			return TenantProblemMappers.toResponse(ex);
		}
	}
}
