package uk.schooldata.approvals.workflow;

import java.util.Optional;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task listener's refusal of what a person submitted (a required scope dropped, the reviewer confirming their own
 * approval). Tasklist shows it next to the form and the task stays open.
 * <p>
 * Camunda wraps a listener's exception in a plain {@code ProcessEngineException}, which its REST APIs answer with
 * {@code 500}. The refusal is therefore also remembered for the request's thread, so the web layer can answer the
 * caller's mistake with {@code 400} and the listener's own words ({@link #lastInThisThread()}).
 */
public final class DecisionRefusals {

	private static final ThreadLocal<FormFieldValidationException> LAST = new ThreadLocal<>();

	private DecisionRefusals() {
	}

	public static FormFieldValidationException refuse(String field, String message) {
		FormFieldValidationException refusal = new FormFieldValidationException(field, message);
		LAST.set(refusal);
		return refusal;
	}

	/**
	 * The refusal raised in this thread since the last call, if any; forgets it.
	 */
	public static Optional<FormFieldValidationException> lastInThisThread() {
		FormFieldValidationException last = LAST.get();
		LAST.remove();
		return Optional.ofNullable(last);
	}
}
