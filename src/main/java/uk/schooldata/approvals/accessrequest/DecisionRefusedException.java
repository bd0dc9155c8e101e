package uk.schooldata.approvals.accessrequest;

/**
 * A school administrator's decision the rules of a data access request do not allow (dropping a required scope,
 * approving one that was not asked for, declining without a reason). Nothing is recorded; the task stays open and the
 * administrator is told why, next to the form field named.
 */
class DecisionRefusedException extends RuntimeException {

	private final String field;

	DecisionRefusedException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return field;
	}
}
