package uk.schooldata.approvals.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A rule of the domain says no: the request names something that does not exist, contradicts what is recorded, or is
 * not the caller's to make. Services throw subclasses named in the domain's words ({@code RequestClosedException},
 * {@code SchoolAlreadyRegisteredException}); at the edge, {@link ProblemDetailsAdvice} and the engine REST mappers
 * answer them as problem details with the stable type each declares. Nothing here is HTTP but that mapping.
 */
public abstract class Refusal extends RuntimeException {

	/** What kind of no it is; the edge turns it into a status. */
	public enum Kind {
		INVALID(HttpStatus.BAD_REQUEST), FORBIDDEN(HttpStatus.FORBIDDEN), NOT_FOUND(HttpStatus.NOT_FOUND),
		CONFLICT(HttpStatus.CONFLICT), GONE(HttpStatus.GONE);

		private final HttpStatus status;

		Kind(HttpStatus status) {
			this.status = status;
		}
	}

	private final Kind kind;

	private final String type;

	private final String title;

	private final Map<String, Object> properties;

	/**
	 * @param type the stable problem type's slug, e.g. {@code request-closed}
	 * @param detail what a person reads: what is wrong and what to do
	 */
	protected Refusal(Kind kind, String type, String title, String detail) {
		this(kind, type, title, detail, Map.of());
	}

	protected Refusal(Kind kind, String type, String title, String detail, Map<String, Object> properties) {
		super(detail);
		this.kind = kind;
		this.type = type;
		this.title = title;
		this.properties = Map.copyOf(properties);
	}

	public Kind kind() {
		return kind;
	}

	public HttpStatus status() {
		return kind.status;
	}

	/**
	 * The refusal as problem details.
	 */
	public ProblemDetail problem() {
		ProblemDetail problem = Problems.of(kind.status, type, title, getMessage());
		properties.forEach(problem::setProperty);
		return problem;
	}
}
