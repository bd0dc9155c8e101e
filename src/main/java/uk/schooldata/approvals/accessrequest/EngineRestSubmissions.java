package uk.schooldata.approvals.accessrequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.accessrequest.AccessRequestSubmission.ScopeRequest;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.workflow.ProcessStart;
import uk.schooldata.approvals.workflow.ProcessStartValidator;

/**
 * Apps may also start {@code data-access-request} through Camunda's REST API, with the variables {@code schoolUrn},
 * {@code purpose} and {@code scopes} (a JSON array like the API's). The same rules apply as for
 * {@code POST /api/access-requests}, checked before the engine sees the start and again in the start listener, and
 * the requesting app is always the signed-in one: an {@code appId} or {@code requestId} variable is refused.
 */
@Component
class EngineRestSubmissions implements ProcessStartValidator, ExecutionListener {

	private static final List<String> STARTING_VARIABLES = List.of(DataAccessRequestProcess.SCHOOL_URN,
			DataAccessRequestProcess.PURPOSE, DataAccessRequestProcess.SCOPES);

	private final Validator validator;

	private final IdentityService identityService;

	private final AccessRequestService service;

	private final AccessRequests requests;

	EngineRestSubmissions(Validator validator, IdentityService identityService, AccessRequestService service,
			AccessRequests requests) {
		this.validator = validator;
		this.identityService = identityService;
		this.service = service;
		this.requests = requests;
	}

	@Override
	public String processKey() {
		return DataAccessRequestProcess.KEY;
	}

	@Override
	public void validate(ProcessStart start) {
		service.check(signedInApp(), submission(start.variables()));
	}

	/**
	 * The start listener binds the new instance to its request, once: a start from this application's own API
	 * arrives with the request recorded and no engine user; a start through {@code /engine-rest} arrives with the app
	 * signed in, and is recorded here. Every delegate and listener then reads the request bound to its instance.
	 */
	@Override
	public void notify(DelegateExecution execution) {
		Authentication authentication = identityService.getCurrentAuthentication();
		if (authentication == null && execution.hasVariable(DataAccessRequestProcess.REQUEST_ID)) {
			String requestId = (String) execution.getVariable(DataAccessRequestProcess.REQUEST_ID);
			if (!requests.bind(requestId, execution.getProcessInstanceId())) {
				throw new DecisionNotOnRecordException(
						"Request " + requestId + " does not exist or has a process instance already.");
			}
			return;
		}
		AccessRequest request = service.record(signedInApp(), submission(execution.getVariables()), null,
				execution.getProcessInstanceId());
		execution.setProcessBusinessKey(request.id());
		execution.setVariable(DataAccessRequestProcess.REQUEST_ID, request.id());
		execution.setVariable(DataAccessRequestProcess.APP_ID, request.appId());
	}

	private String signedInApp() {
		Authentication authentication = identityService.getCurrentAuthentication();
		if (authentication == null || authentication.getUserId() == null) {
			throw new InvalidRequestException(List.of(new FieldProblem("appId",
					"comes from the signed-in app; start data access requests as an app")));
		}
		return authentication.getUserId();
	}

	private AccessRequestSubmission submission(Map<String, Object> variables) {
		List<FieldProblem> problems = new ArrayList<>();
		for (String name : variables.keySet()) {
			if (name.equals(DataAccessRequestProcess.APP_ID) || name.equals(DataAccessRequestProcess.REQUEST_ID)) {
				problems.add(new FieldProblem(name, "must not be given: it comes from the signed-in app"));
			}
			else if (!STARTING_VARIABLES.contains(name)) {
				problems.add(new FieldProblem(name, "is not a variable of a data access request: give only "
						+ String.join(", ", STARTING_VARIABLES)));
			}
		}
		List<ScopeRequest> scopes = new ArrayList<>();
		try {
			Object value = variables.get(DataAccessRequestProcess.SCOPES);
			SpinJsonNode json = value instanceof SpinJsonNode node ? node
					: value instanceof String text ? Spin.JSON(text) : null;
			if (json != null && json.isArray()) {
				for (SpinJsonNode scope : json.elements()) {
					scopes.add(new ScopeRequest(scope.hasProp("name") ? scope.prop("name").stringValue() : null,
							scope.hasProp("required") && scope.prop("required").boolValue(),
							scope.hasProp("justification") ? scope.prop("justification").stringValue() : null));
				}
			}
		}
		catch (RuntimeException unreadable) {
			problems.add(new FieldProblem(DataAccessRequestProcess.SCOPES,
					"must be a JSON array of {\"name\", \"required\", \"justification\"}"));
		}
		AccessRequestSubmission submission = new AccessRequestSubmission(
				text(variables, DataAccessRequestProcess.SCHOOL_URN, problems),
				text(variables, DataAccessRequestProcess.PURPOSE, problems), scopes);
		validator.validate(submission)
			.stream()
			.filter(violation -> problems.stream()
				.noneMatch(problem -> problem.field().equals(violation.getPropertyPath().toString())))
			.forEach(violation -> problems
				.add(new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage())));
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return submission;
	}

	/**
	 * A text variable; any other type (a number for the URN, say) is refused rather than converted.
	 */
	private static String text(Map<String, Object> variables, String name, List<FieldProblem> problems) {
		Object value = variables.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		problems.add(new FieldProblem(name, "must be a String variable"));
		return null;
	}
}
