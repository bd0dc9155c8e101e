package uk.schooldata.approvals.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.workflow.ProcessStart;
import uk.schooldata.approvals.workflow.ProcessStartValidator;

/**
 * Applies the rules of {@link SchoolRegistration} to the variables of a {@code school-onboarding} start, whichever
 * way it arrives: through {@code /engine-rest} before the engine sees it, and in the process's start listener.
 * Problems name the process variables, as the caller sent them.
 */
@Component
class OnboardingStartValidator implements ProcessStartValidator {

	private static final Map<String, String> VARIABLE_OF_FIELD = Map.of("urn", SchoolOnboardingProcess.URN, "name",
			SchoolOnboardingProcess.SCHOOL_NAME, "contactEmail", SchoolOnboardingProcess.CONTACT_EMAIL);

	private final Validator validator;

	private final Schools schools;

	OnboardingStartValidator(Validator validator, Schools schools) {
		this.validator = validator;
		this.schools = schools;
	}

	@Override
	public String processKey() {
		return SchoolOnboardingProcess.KEY;
	}

	@Override
	public void validate(ProcessStart start) {
		SchoolRegistration registration = registrationFrom(start.variables(), start.businessKey());
		schools.findByUrn(registration.urn())
			.filter(school -> school.status().isInProgressOrDone())
			.ifPresent(school -> {
				throw new SchoolAlreadyRegisteredException(school.urn(), school.status());
			});
	}

	/**
	 * @throws InvalidRequestException naming every bad variable
	 */
	SchoolRegistration registrationFrom(Map<String, Object> variables, String businessKey) {
		List<FieldProblem> problems = new ArrayList<>();
		String urn = text(variables, SchoolOnboardingProcess.URN, problems);
		String name = text(variables, SchoolOnboardingProcess.SCHOOL_NAME, problems);
		String contactEmail = text(variables, SchoolOnboardingProcess.CONTACT_EMAIL, problems);
		Object usesSchoolBooking = variables.get(SchoolOnboardingProcess.USES_SCHOOL_BOOKING);
		if (usesSchoolBooking != null && !(usesSchoolBooking instanceof Boolean)) {
			problems.add(new FieldProblem(SchoolOnboardingProcess.USES_SCHOOL_BOOKING, "must be a boolean"));
		}
		SchoolRegistration registration = new SchoolRegistration(urn, name, contactEmail,
				Boolean.TRUE.equals(usesSchoolBooking));
		validator.validate(registration)
			.stream()
			.filter(violation -> problems.stream()
				.noneMatch(problem -> problem.field().equals(variableOf(violation.getPropertyPath().toString()))))
			.map(violation -> new FieldProblem(variableOf(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.forEach(problems::add);
		if (businessKey != null && urn != null && !businessKey.equals(urn)) {
			problems.add(new FieldProblem("businessKey", "must be the school's URN (" + urn + ") or left out"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return registration;
	}

	private static String text(Map<String, Object> variables, String name, List<FieldProblem> problems) {
		Object value = variables.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		problems.add(new FieldProblem(name, "must be a string"));
		return null;
	}

	private static String variableOf(String field) {
		return VARIABLE_OF_FIELD.getOrDefault(field, field);
	}
}
