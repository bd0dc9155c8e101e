package uk.schooldata.approvals.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request whose fields break the rules: answered {@code 400} with one {@link FieldProblem} per bad field in the
 * problem's {@code errors} member and all of them in its {@code detail}.
 */
public class InvalidRequestException extends ErrorResponseException {

	public static final String TYPE = "invalid-request";

	private final List<FieldProblem> fieldProblems;

	public InvalidRequestException(List<FieldProblem> fieldProblems) {
		super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, TYPE, "Invalid request", detail(fieldProblems)),
				null);
		this.fieldProblems = List.copyOf(fieldProblems);
		getBody().setProperty("errors", this.fieldProblems);
	}

	public List<FieldProblem> fieldProblems() {
		return fieldProblems;
	}

	static String detail(List<FieldProblem> fieldProblems) {
		return fieldProblems.stream()
			.map(FieldProblem::toString)
			.sorted()
			.collect(Collectors.joining("; ", "The request has " + fieldProblems.size()
					+ (fieldProblems.size() == 1 ? " invalid field: " : " invalid fields: "), "."));
	}
}
