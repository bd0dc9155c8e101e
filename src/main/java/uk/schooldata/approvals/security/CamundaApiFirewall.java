package uk.schooldata.approvals.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.pattern.PathPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.security.CamundaApiPolicy.BodyRule;
import uk.schooldata.approvals.web.CachedBodyRequest;
import uk.schooldata.approvals.web.Problems;
import uk.schooldata.approvals.workflow.DecisionRefusals;

/**
 * Default deny on Camunda's generic REST surfaces: {@code /engine-rest/**}, the webapps' engine API
 * ({@code /camunda/api/engine/**}) and the webapps' own APIs ({@code /camunda/api/{cockpit,tasklist,admin,welcome}}).
 * A call goes through only when {@link CamundaApiPolicy} allows it for one of the caller's roles, and, where the rule
 * says so, its body passes: a task completed with its form's own input fields only, a start with no start
 * instructions, business key or typed variables other than text. Camunda's authorizations and tenant checks then
 * apply as before; this filter only narrows what reaches them.
 */
class CamundaApiFirewall extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(CamundaApiFirewall.class);

	/** {@code /engine-rest[/engine/{name}]/...} and {@code /camunda/api/engine/engine/{name}/...}. */
	private static final Pattern ENGINE_API = Pattern
		.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(?<path>/.*)?$");

	/** The engine list: {@code /engine-rest/engine}, {@code /camunda/api/engine/engine[/]}. */
	private static final Pattern ENGINE_LIST = Pattern.compile("^(?:/engine-rest/engine|/camunda/api/engine/engine)/?$");

	private static final Pattern WEBAPP_API = Pattern.compile("^/camunda/api/(?<app>[^/]+)(?<path>/.*)?$");

	/** Where the webapps' login keeps the signed-in user ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}). */
	private static final String WEBAPP_SESSION_USER = "authenticatedUser";

	private static final Set<String> START_FIELDS = Set.of("variables", "withVariablesInReturn");

	private static final Set<String> COMPLETE_FIELDS = Set.of("variables", "withVariablesInReturn");

	private static final Set<String> VARIABLE_FIELDS = Set.of("value", "type");

	private static final Set<String> TEXT_TYPES = Set.of("String", "Json");

	private final CamundaApiPolicy policy;

	private final FormFields formFields;

	private final TaskService taskService;

	private final ObjectMapper objectMapper;

	CamundaApiFirewall(CamundaApiPolicy policy, FormFields formFields, TaskService taskService,
			ObjectMapper objectMapper) {
		this.policy = policy;
		this.formFields = formFields;
		this.taskService = taskService;
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String method = request.getMethod();
		Optional<Who> who = who(request, uri);
		if (who.map(Who::isOperator).orElse(false) || "OPTIONS".equals(method)) {
			chain.doFilter(request, response);
			return;
		}
		Set<String> groups = who.map(Who::groups).orElse(Set.of());
		Optional<CamundaApiPolicy.Rule> rule;
		Matcher engine = ENGINE_API.matcher(uri);
		Matcher webapp = WEBAPP_API.matcher(uri);
		if (ENGINE_LIST.matcher(uri).matches()) {
			rule = policy.engineList(method);
		}
		else if (engine.matches()) {
			String path = engine.group("path") == null ? "/" : engine.group("path");
			rule = policy.engine(method, path, groups);
		}
		else if (webapp.matches()) {
			rule = policy.webapp(webapp.group("app"), method,
					webapp.group("path") == null ? "/" : webapp.group("path"), who.isPresent(), groups);
		}
		else {
			chain.doFilter(request, response);
			return;
		}
		if (rule.isEmpty()) {
			refuse(request, response, who, who.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
					who.isEmpty() ? "Sign in first." : "Your role may not make this call to Camunda's API.");
			return;
		}
		if (rule.get().body() == BodyRule.NONE) {
			chain.doFilter(request, response);
			return;
		}
		CachedBodyRequest cached = CachedBodyRequest.of(request);
		Optional<String> refusal = refusal(rule.get(), cached, who.orElseThrow(), engine);
		if (refusal.isPresent()) {
			refuse(request, response, who, HttpStatus.FORBIDDEN, refusal.get());
			return;
		}
		if (rule.get().body() == BodyRule.FORM_FIELDS) {
			completeTask(cached, response, chain, taskId(engine));
			return;
		}
		chain.doFilter(cached, response);
	}

	/**
	 * Lets Camunda complete the task; a task listener's refusal, which the webapps' engine API answers with
	 * {@code 500}, becomes the {@code 400} it is, in the listener's words (as on {@code /engine-rest}).
	 */
	private void completeTask(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			String taskId) throws IOException, ServletException {
		DecisionRefusals.lastInThisThread();
		boolean openBefore = taskService.createTaskQuery().taskId(taskId).count() == 1;
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, answer);
		Optional<FormFieldValidationException> refused = DecisionRefusals.lastInThisThread();
		if (answer.getStatus() == HttpStatus.FORBIDDEN.value() && openBefore
				&& taskService.createTaskQuery().taskId(taskId).count() == 0) {
			// Someone else completed the task while this call ran; Camunda then finds no permission on it.
			answer.resetBuffer();
			LOG.warn("{} {} lost a race: the task was completed meanwhile", request.getMethod(), request.getRequestURI());
			answer.setStatus(HttpStatus.CONFLICT.value());
			answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			objectMapper.writeValue(answer.getOutputStream(), Problems.forCamundaWebapps(Problems.of(HttpStatus.CONFLICT,
					"conflict", "Conflict", "Someone else completed this task at the same moment.")));
		}
		else if (answer.getStatus() == HttpStatus.FORBIDDEN.value()) {
			// Camunda's own words name permissions and ids; the person needs to know only that it is not theirs.
			answer.resetBuffer();
			LOG.warn("{} {} refused by Camunda's authorizations", request.getMethod(), request.getRequestURI());
			answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			objectMapper.writeValue(answer.getOutputStream(), Problems.forCamundaWebapps(Problems.of(
					HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This task is not offered to you, so you cannot "
							+ "complete it. If it is a confirmation, another administrator of the school must make it.")));
		}
		else if (answer.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value() && refused.isPresent()) {
			answer.resetBuffer();
			LOG.warn("{} {} refused by a task listener: {}", request.getMethod(), request.getRequestURI(),
					refused.get().getMessage());
			answer.setStatus(HttpStatus.BAD_REQUEST.value());
			answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			objectMapper.writeValue(answer.getOutputStream(), Problems.forCamundaWebapps(Problems.of(
					HttpStatus.BAD_REQUEST, "decision-refused", "Decision refused", refused.get().getMessage())));
		}
		answer.copyBodyToResponse();
	}

	private Optional<String> refusal(CamundaApiPolicy.Rule rule, CachedBodyRequest request, Who who,
			Matcher engine) throws IOException {
		String path = engine.group("path");
		PathPattern.PathMatchInfo match = rule.path().matchAndExtract(PathContainer.parsePath(path));
		Map<String, String> pathVariables = match == null ? Map.of() : match.getUriVariables();
		return switch (rule.body()) {
			case NONE -> Optional.empty();
			case SELF -> who.id().equals(pathVariables.get("id")) ? Optional.empty()
					: Optional.of("You may change only your own profile and password.");
			case START -> startRefusal(json(request));
			case FORM_FIELDS -> formRefusal(pathVariables.get("id"), json(request));
		};
	}

	private static String taskId(Matcher engine) {
		String[] segments = engine.group("path").split("/");
		return segments.length > 2 ? segments[2] : "";
	}

	private JsonNode json(CachedBodyRequest request) throws IOException {
		try {
			return request.body().length == 0 ? objectMapper.createObjectNode() : objectMapper.readTree(request.body());
		}
		catch (IOException unreadable) {
			return objectMapper.getNodeFactory().textNode("not JSON");
		}
	}

	/**
	 * A start as documented for apps: variables and nothing else (no start instructions, no skipped listeners, no
	 * business key), each a text value, typed {@code String} or {@code Json} at most. Which variables, and their
	 * values, the process's own start validator checks next.
	 */
	private static Optional<String> startRefusal(JsonNode body) {
		if (!body.isObject()) {
			return Optional.of("The body must be a JSON object with \"variables\".");
		}
		Optional<String> extra = unexpected(body, START_FIELDS);
		if (extra.isPresent()) {
			return Optional.of("A start may carry only variables; \"" + extra.get()
					+ "\" is not allowed (no start instructions, business key or skipped listeners).");
		}
		for (Iterator<Map.Entry<String, JsonNode>> variables = body.path("variables").fields(); variables.hasNext();) {
			Map.Entry<String, JsonNode> variable = variables.next();
			JsonNode value = variable.getValue();
			if (!value.isObject() || unexpected(value, VARIABLE_FIELDS).isPresent() || !value.path("value").isTextual()
					|| (value.hasNonNull("type") && !TEXT_TYPES.contains(value.get("type").asText()))) {
				return Optional.of("Variable \"" + variable.getKey()
						+ "\" must be {\"value\": \"<text>\"}, typed String or Json at most.");
			}
		}
		return Optional.empty();
	}

	/**
	 * A task completed with its form's own input fields, and nothing else: no variable that another form shows,
	 * that a listener records, or that decides which request or school is meant.
	 */
	private Optional<String> formRefusal(String taskId, JsonNode body) {
		if (!body.isObject()) {
			return Optional.of("The body must be a JSON object with \"variables\".");
		}
		Optional<String> extra = unexpected(body, COMPLETE_FIELDS);
		if (extra.isPresent()) {
			return Optional.of("\"" + extra.get() + "\" is not allowed when completing a task.");
		}
		Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
		if (task == null) {
			// Camunda answers: no such task, or not this caller's to see.
			return Optional.empty();
		}
		Set<String> inputs = task.getCamundaFormRef() == null ? Set.of()
				: formFields.inputs(task.getCamundaFormRef().getKey()).orElse(Set.of());
		for (Iterator<String> names = body.path("variables").fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!inputs.contains(name)) {
				return Optional.of("\"" + name + "\" is not a field of this task's form"
						+ (inputs.isEmpty() ? "; complete it without variables." : ": " + String.join(", ", inputs) + "."));
			}
		}
		return Optional.empty();
	}

	private static Optional<String> unexpected(JsonNode object, Set<String> allowed) {
		for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!allowed.contains(name)) {
				return Optional.of(name);
			}
		}
		return Optional.empty();
	}

	/**
	 * The caller: on {@code /engine-rest}, whom Spring Security signed in with HTTP Basic; on the webapps' APIs,
	 * whom the webapps' own login put in the session.
	 */
	private static Optional<Who> who(HttpServletRequest request, String uri) {
		if (uri.startsWith("/engine-rest")) {
			org.springframework.security.core.Authentication signedIn = SecurityContextHolder.getContext()
				.getAuthentication();
			return signedIn != null && signedIn.getPrincipal() instanceof Caller caller
					? Optional.of(new Who(caller.id(), caller.groups())) : Optional.empty();
		}
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		if (session.getAttribute(WEBAPP_SESSION_USER) instanceof Authentications authentications) {
			for (UserAuthentication user : authentications.getAuthentications()) {
				return Optional.of(new Who(user.getIdentityId(), Set.copyOf(user.getGroupIds())));
			}
		}
		return Optional.empty();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Optional<Who> who,
			HttpStatus status, String detail) throws IOException {
		LOG.warn("{} {} refused ({}) for {}: {}", request.getMethod(), request.getRequestURI(), status.value(),
				who.map(Who::id).orElse("anonymous"), detail);
		ProblemDetail problem = status == HttpStatus.UNAUTHORIZED
				? Problems.of(status, "unauthenticated", "Authentication required", detail)
				: Problems.of(status, "forbidden", "Forbidden", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}

	record Who(String id, Set<String> groups) {

		boolean isOperator() {
			return groups.contains(Roles.PLATFORM_ADMINS) || groups.contains(Roles.CAMUNDA_ADMIN);
		}
	}
}
