package uk.schooldata.approvals.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import uk.schooldata.approvals.web.DatabaseUnavailable;
import uk.schooldata.approvals.web.Problems;
import uk.schooldata.approvals.web.Refusal;

/**
 * Camunda's REST API answers {@code 500} for two refusals that are the caller's doing, not a server error:
 * <ul>
 * <li>its tenant check refusing a command on another tenant's task or instance: a school administrator reaching for
 * another school's work is forbidden, so {@code 403};</li>
 * <li>a task listener refusing a decision ({@link FormFieldValidationException}, e.g. dropping a required scope, or
 * the reviewer confirming their own approval): {@code 400} with the listener's words;</li>
 * <li>completing or claiming a task that no longer exists (someone else completed it): {@code 404};</li>
 * <li>a refusal with problem details of this application's own (a start listener refusing a submission, a school
 * URN that is no URN): its status and words;</li>
 * <li>losing a race (two administrators completing one task at once): {@code 409}.</li>
 * </ul>
 * Both are answered as {@code application/problem+json}; every other error is left to Camunda's own handling.
 */
final class EngineRestProblemMappers {

	private static final Logger LOG = LoggerFactory.getLogger(EngineRestProblemMappers.class);

	/** What Camunda's tenant check says, in ENGINE-13034 and its siblings. */
	private static final String OTHER_TENANT = "belongs to no authenticated tenant";

	/** What Camunda says when a task command finds no task. */
	private static final String NO_SUCH_TASK = "Cannot find task with id";

	private EngineRestProblemMappers() {
	}

	static Response toResponse(Throwable ex) {
		if (DatabaseUnavailable.isCauseOf(ex)) {
			LOG.warn("Engine REST call answered 503: the database cannot be reached ({})", ex.getMessage());
			return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE, DatabaseUnavailable.problem()))
				.header(jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
				.build();
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Refusal refused) {
				LOG.warn("Engine REST call refused: {}", refused.getMessage());
				return problem(Response.Status.fromStatusCode(refused.status().value()), refused.problem());
			}
			if (cause instanceof ErrorResponseException refused) {
				LOG.warn("Engine REST call refused: {}", refused.getBody().getDetail());
				return problem(Response.Status.fromStatusCode(refused.getStatusCode().value()), refused.getBody());
			}
			if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
				LOG.warn("Engine REST call lost a race: {}", cause.getMessage());
				return problem(Response.Status.CONFLICT, Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict",
						"Someone else changed this at the same moment. Reload it and try again."));
			}
			if (cause instanceof FormFieldValidationException refused) {
				LOG.warn("Engine REST call refused by a task listener: {}", refused.getMessage());
				return problem(Response.Status.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "decision-refused",
						"Decision refused", refused.getMessage()));
			}
			if (cause.getMessage() != null && cause.getMessage().contains(NO_SUCH_TASK)) {
				return problem(Response.Status.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "task-not-found",
						"Task not found", "The task does not exist (any more): it may have been completed already."));
			}
			if (cause.getMessage() != null && cause.getMessage().contains(OTHER_TENANT)) {
				LOG.warn("Engine REST call refused by the tenant check: {}", cause.getMessage());
				return problem(Response.Status.FORBIDDEN,
						ProblemResponses.forbidden("This belongs to a school you are not a member of."));
			}
		}
		return ExceptionHandlerHelper.getInstance().getResponse(ex);
	}

	private static Response problem(Response.Status status, ProblemDetail problem) {
		return Response.status(status)
			.type(MediaType.valueOf(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.entity(Problems.forCamundaWebapps(problem))
			.build();
	}

	@Priority(1)
	public static class ForProcessEngineException implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException ex) {
			return EngineRestProblemMappers.toResponse(ex);
		}
	}

	@Priority(1)
	public static class ForRestException implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException ex) {
			return EngineRestProblemMappers.toResponse(ex);
		}
	}
}
