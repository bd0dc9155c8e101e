package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;

/**
 * The receipt of a school's decision on a data access request, shaped after the Kantara Initiative's Consent Receipt
 * Specification (v1.1) where its fields fit: the school is the PII controller deciding for its pupils, staff and
 * parents, the app is the service and third party, each approved scope a PII category and the special-category ones
 * its {@code spiCat}. The fields after {@code spiCat} are this system's: the request as submitted, each scope's
 * decision, who decided and who confirmed, when, why, and what became of each grant since.
 *
 * @param consentTimestamp the decision's final moment (the confirmation's, with four eyes), in seconds since the
 * epoch as the specification has it
 */
public record ConsentReceipt(String version, String jurisdiction, long consentTimestamp, String collectionMethod,
		String consentReceiptID, String language, String piiPrincipalId, List<PiiController> piiControllers,
		List<Service> services, boolean sensitive, List<String> spiCat, Request request, List<ScopeDecision> scopes,
		Decision decision, List<GrantHistory> grants) {

	public static final String VERSION = "KI-CR-v1.1.0";

	public record PiiController(String piiController, boolean onBehalf, String contact, String email) {
	}

	public record Service(String service, List<Purpose> purposes) {
	}

	public record Purpose(String purpose, List<String> purposeCategory, String consentType, List<String> piiCategory,
			boolean primaryPurpose, String termination, boolean thirdPartyDisclosure, String thirdPartyName) {
	}

	public record Request(String id, String appId, String appName, String schoolUrn, String schoolName,
			String purpose, Instant submittedAt, Instant deadline, AccessRequestStatus status) {
	}

	/**
	 * @param decision {@code APPROVED} or {@code DECLINED}
	 */
	public record ScopeDecision(String scope, String description, boolean required, boolean specialCategory,
			String justification, RequestedScope.Decision decision) {
	}

	/**
	 * @param confirmation what the second administrator did with the special-category scopes: {@code CONFIRMED},
	 * {@code REFUSED}, or {@code null} when none was approved by the reviewer
	 */
	public record Decision(String decidedBy, Instant decidedAt, String confirmedBy, Instant confirmedAt,
			String confirmation, String reason) {
	}

	public record GrantHistory(String scope, Instant grantedAt, String grantedBy, Instant revokedAt, String revokedBy,
			String revokeReason) {
	}
}
