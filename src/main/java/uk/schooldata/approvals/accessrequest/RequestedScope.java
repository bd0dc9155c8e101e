package uk.schooldata.approvals.accessrequest;

/**
 * One scope of a request: whether the app needs it, why, and the school's decision ({@code null} until decided).
 */
public record RequestedScope(String name, boolean required, String justification, Decision decision) {

	public enum Decision {
		APPROVED, DECLINED
	}

	RequestedScope decided(Decision decision) {
		return new RequestedScope(name, required, justification, decision);
	}
}
