package uk.schooldata.approvals.web;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception that leaves a controller into an {@code application/problem+json} answer with a stable
 * type. Client errors are logged at WARN without a stack trace, server errors at ERROR with one; an exception's class
 * name never reaches the client.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
			.toList();
		return handleExceptionInternal(new InvalidRequestException(problems), null, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				describe(ex));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A rule of the domain said no: its problem type, in its words.
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleRefusal(Refusal refusal, WebRequest request) {
		return handleExceptionInternal(refusal, refusal.problem(), new HttpHeaders(), refusal.status(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (DatabaseUnavailable.isCauseOf(ex)) {
			LOG.warn("{} answered 503: the database cannot be reached ({})", request.getDescription(false),
					ex.getMessage());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
				.body(DatabaseUnavailable.problem());
		}
		String reference = UUID.randomUUID().toString();
		LOG.error("Unexpected error, reference {}", reference, ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Something went wrong on our side. It has been logged with reference " + reference + ".");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Object problem = body;
		if (problem == null && ex instanceof ErrorResponse errorResponse) {
			problem = errorResponse.getBody();
		}
		if (statusCode.is5xxServerError()) {
			LOG.error("{} answered {}", Problems.loggable(request.getDescription(false)), statusCode.value(), ex);
		}
		else {
			LOG.warn("{} answered {}: {}", Problems.loggable(request.getDescription(false)), statusCode.value(),
					problem instanceof ProblemDetail detail ? detail.getDetail() : ex.getMessage());
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + path(unknown) + "'. Known fields: " + unknown.getKnownPropertyIds() + ".";
		}
		if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			return "Field '" + path(invalid) + "' has the unknown value '" + invalid.getValue() + "'; expected one of "
					+ List.of(invalid.getTargetType().getEnumConstants()) + ".";
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return "Field '" + path(mismatched) + "' has the wrong type; expected "
					+ mismatched.getTargetType().getSimpleName().toLowerCase() + ".";
		}
		if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
			return "The request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
					+ json.getLocation().getColumnNr() + ").";
		}
		return "The request body is missing or is not valid JSON.";
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map(reference -> reference.getFieldName() != null ? reference.getFieldName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}
}
