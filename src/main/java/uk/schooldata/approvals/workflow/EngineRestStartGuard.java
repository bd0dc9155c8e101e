package uk.schooldata.approvals.workflow;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.web.CachedBodyRequest;
import uk.schooldata.approvals.web.Problems;
import uk.schooldata.approvals.web.Refusal;

/**
 * Runs the {@link ProcessStartValidator} of a process before Camunda's REST API starts it, and answers a refused start
 * with {@code application/problem+json}, exactly like this application's own API. Covers the start and submit-form
 * routes by key, by key and tenant, and by definition id, with and without a named engine, on {@code /engine-rest}
 * and on the webapps' engine API alike.
 * <p>
 * Still needed beside the start listeners, which check the same rules again inside the engine: Camunda's start
 * resource turns a listener's refusal into its own {@code 500}, so without this guard a caller's mistake would read
 * as a server error (tried when issue 9 asked; the start tests of the access request and school APIs then fail).
 */
class EngineRestStartGuard extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(EngineRestStartGuard.class);

	private static final Pattern START_PATH = Pattern
		.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/process-definition/"
				+ "(?:key/(?<key>[^/]+)(?:/tenant-id/[^/]+)?|(?<id>[^/]+))/(?:start|submit-form)/?$");

	private final Map<String, ProcessStartValidator> validators;

	private final ObjectMapper objectMapper;

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final boolean authorizationEnabled;

	EngineRestStartGuard(List<ProcessStartValidator> validators, ObjectMapper objectMapper, ProcessEngine engine) {
		this.validators = validators.stream()
			.collect(Collectors.toMap(ProcessStartValidator::processKey, Function.identity()));
		this.objectMapper = objectMapper;
		this.identityService = engine.getIdentityService();
		this.authorizationService = engine.getAuthorizationService();
		this.authorizationEnabled = engine.getProcessEngineConfiguration().isAuthorizationEnabled();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = START_PATH.matcher(path);
		ProcessStartValidator validator = matcher.matches() ? validators.get(processKey(matcher)) : null;
		if (validator == null || !callerMayStart(validator.processKey())) {
			// Nothing to check, or Camunda's authorization refuses the start anyway: its answer, not ours.
			chain.doFilter(request, response);
			return;
		}
		CachedBodyRequest cached = CachedBodyRequest.of(request);
		try {
			validator.validate(parse(validator.processKey(), cached.body()));
		}
		catch (ErrorResponseException refused) {
			LOG.warn("Refused a start of {} through the engine REST API: {}", validator.processKey(),
					refused.getBody().getDetail());
			writeProblem(response, refused.getBody());
			return;
		}
		catch (Refusal refused) {
			LOG.warn("Refused a start of {} through the engine REST API: {}", validator.processKey(),
					refused.getMessage());
			writeProblem(response, refused.problem());
			return;
		}
		chain.doFilter(cached, response);
	}

	/**
	 * Whether the user Camunda runs this request as may start the process; validating a start the caller may not
	 * make would tell them more than "forbidden".
	 */
	private boolean callerMayStart(String processKey) {
		if (!authorizationEnabled) {
			return true;
		}
		Authentication caller = identityService.getCurrentAuthentication();
		return caller != null && authorizationService.isUserAuthorized(caller.getUserId(), caller.getGroupIds(),
				Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, processKey);
	}

	private static String processKey(Matcher matcher) {
		if (matcher.group("key") != null) {
			return decode(matcher.group("key"));
		}
		String definitionId = decode(matcher.group("id"));
		int versionSeparator = definitionId.indexOf(':');
		return versionSeparator < 0 ? definitionId : definitionId.substring(0, versionSeparator);
	}

	private static String decode(String pathSegment) {
		return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
	}

	private ProcessStart parse(String processKey, byte[] body) {
		JsonNode json;
		try {
			json = body.length == 0 ? objectMapper.createObjectNode() : objectMapper.readTree(body);
		}
		catch (IOException ex) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST,
					"malformed-request", "Malformed request", "The request body is not valid JSON."), ex);
		}
		Map<String, Object> variables = new HashMap<>();
		json.path("variables").properties().forEach(variable -> {
			JsonNode value = variable.getValue().path("value");
			if (!value.isMissingNode() && !value.isNull()) {
				variables.put(variable.getKey(), objectMapper.convertValue(value, Object.class));
			}
		});
		String businessKey = json.hasNonNull("businessKey") ? json.get("businessKey").asText() : null;
		return new ProcessStart(processKey, businessKey, variables);
	}

	private void writeProblem(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}
}
