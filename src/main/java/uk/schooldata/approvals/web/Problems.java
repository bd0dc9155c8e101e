package uk.schooldata.approvals.web;

import java.net.URI;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds problem details with this API's stable type URIs: {@code https://schooldata.example/problems/<slug>}.
 * A type's slug never changes once published; clients may switch on it.
 */
public final class Problems {

	private static final String TYPE_BASE = "https://schooldata.example/problems/";

	private static final Pattern TOKEN_IN_PATH = Pattern.compile("(/api/invitations/|/invitations/)[^/?]+");

	private Problems() {
	}

	/**
	 * A request path fit for the log: an invitation's token, the invitee's credential, becomes {@code {token}}.
	 */
	public static String loggable(String path) {
		return path == null ? null : TOKEN_IN_PATH.matcher(path).replaceAll("$1{token}");
	}

	public static URI type(String slug) {
		return URI.create(TYPE_BASE + slug);
	}

	/**
	 * A {@code 403}: the caller is known but may not do this.
	 */
	public static ErrorResponseException forbidden(String detail) {
		return new ErrorResponseException(HttpStatus.FORBIDDEN, of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail),
				null);
	}

	/**
	 * The problem as the Camunda webapps read an error too: they show its {@code message}, so it carries the detail
	 * there as well, a plain sentence, and Tasklist shows nothing else (no exception, no task id).
	 */
	public static ProblemDetail forCamundaWebapps(ProblemDetail problem) {
		problem.setProperty("message", problem.getDetail());
		return problem;
	}

	public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}
}
