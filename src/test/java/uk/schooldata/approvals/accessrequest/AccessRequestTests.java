package uk.schooldata.approvals.accessrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.accessrequest.RequestedScope.Decision;

/**
 * The rules of a school's decision on a data access request, on the domain object alone.
 */
class AccessRequestTests {

	static final ScopeCatalogue CATALOGUE = new ScopeCatalogue(new ObjectMapper());

	@Test
	void approvingEveryScopeApprovesTheRequest() {
		Decided decided = aPendingRequest(required("students.basic"), optional("students.dob"))
			.approve(List.of("students.basic", "students.dob"), Set.of(), CATALOGUE);

		assertThat(decided.status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(decided.scopes()).extracting(RequestedScope::decision).containsOnly(Decision.APPROVED);
		assertThat(decided.reason()).isNull();
	}

	@Test
	void untickingAnOptionalScopeApprovesTheRestPartially() {
		Decided decided = aPendingRequest(required("students.basic"), optional("students.dob"))
			.approve(List.of("students.basic"), Set.of(), CATALOGUE);

		assertThat(decided.status()).isEqualTo(AccessRequestStatus.PARTIALLY_APPROVED);
		assertThat(decided.scopes()).extracting(RequestedScope::decision)
			.containsExactly(Decision.APPROVED, Decision.DECLINED);
	}

	@Test
	void untickingEveryScopeDeclinesSayingSo() {
		Decided decided = aPendingRequest(optional("school")).approve(List.of(), Set.of(), CATALOGUE);

		assertThat(decided.status()).isEqualTo(AccessRequestStatus.DECLINED);
		assertThat(decided.reason()).isEqualTo(AccessRequest.NOTHING_APPROVED);
	}

	@Test
	void refusesApprovingAScopeThatWasNotRequested() {
		assertRefused(() -> aPendingRequest(required("school")).approve(List.of("school", "staff_members.salaries"),
				Set.of(), CATALOGUE), DataAccessRequestProcess.APPROVED_SCOPES, "not requested",
				"staff_members.salaries");
	}

	@Test
	void refusesDroppingARequiredScope() {
		assertRefused(() -> aPendingRequest(required("students.basic"), required("students.dob"))
			.approve(List.of("students.basic"), Set.of(), CATALOGUE), DataAccessRequestProcess.APPROVED_SCOPES,
				"The app needs students.dob", "decline the request");
	}

	@Test
	void refusesAScopeWithoutTheScopeItDependsOnUnlessTheAppHoldsItAlready() {
		AccessRequest request = aPendingRequest(optional("students.basic"), optional("students.dob"));

		assertRefused(() -> request.approve(List.of("students.dob"), Set.of(), CATALOGUE),
				DataAccessRequestProcess.APPROVED_SCOPES, "students.dob needs students.basic");
		assertThat(request.approve(List.of("students.dob"), Set.of("students.basic"), CATALOGUE).status())
			.isEqualTo(AccessRequestStatus.PARTIALLY_APPROVED);
	}

	@Test
	void approvedSpecialCategoryScopesWaitForASecondAdministrator() {
		Decided decided = aPendingRequest(required("students.basic"), optional("students.sen_needs"))
			.approve(List.of("students.basic", "students.sen_needs"), Set.of(), CATALOGUE);

		assertThat(decided.status()).isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);
		assertThat(decided.needsConfirmation()).isTrue();
		assertThat(decided.specialScopesApproved()).containsExactly("students.sen_needs");
	}

	@Test
	void decliningNeedsAReason() {
		AccessRequest request = aPendingRequest(required("school"));

		assertRefused(() -> request.decline("  "), DataAccessRequestProcess.DECLINE_REASON, "Say why");
		assertThat(request.decline(" Not this year ")).satisfies(declined -> {
			assertThat(declined.status()).isEqualTo(AccessRequestStatus.DECLINED);
			assertThat(declined.reason()).isEqualTo("Not this year");
		});
	}

	@Test
	void aSecondAdministratorRefusingDeclinesTheSpecialCategoryScopesAndTheRequestIfOneWasRequired() {
		AccessRequest optionalSpecial = awaitingConfirmation(required("students.basic"), optional("students.sen_needs"));
		AccessRequest requiredSpecial = awaitingConfirmation(required("students.basic"), required("students.sen_needs"));

		Decided partly = optionalSpecial.confirm(false, "Not without a DPIA", CATALOGUE);
		Decided declined = requiredSpecial.confirm(false, null, CATALOGUE);
		Decided confirmed = optionalSpecial.confirm(true, null, CATALOGUE);

		assertThat(partly.status()).isEqualTo(AccessRequestStatus.PARTIALLY_APPROVED);
		assertThat(partly.reason()).isEqualTo("A second administrator refused the special-category scopes: Not without a DPIA");
		assertThat(declined.status()).isEqualTo(AccessRequestStatus.DECLINED);
		assertThat(confirmed.status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(confirmed.reason()).isNull();
	}

	@Test
	void aRequestIsDecidedOnce() {
		AccessRequest decided = awaitingConfirmation(required("students.basic"), optional("students.sen_needs"));

		assertRefused(() -> decided.approve(List.of("students.basic"), Set.of(), CATALOGUE),
				DataAccessRequestProcess.DECISION, "decided already");
		assertRefused(() -> aPendingRequest(required("school")).confirm(true, null, CATALOGUE),
				DataAccessRequestProcess.DECISION, "decided already");
	}

	private static AccessRequest aPendingRequest(RequestedScope... scopes) {
		Instant now = Instant.parse("2027-01-11T09:00:00Z");
		return new AccessRequest("r-1", "homework-hub", "123456", "Homework", AccessRequestStatus.PENDING, List.of(scopes),
				now, now.plusSeconds(1_209_600), null, null, null, null, null, null, null);
	}

	private static AccessRequest awaitingConfirmation(RequestedScope... scopes) {
		AccessRequest pending = aPendingRequest(scopes);
		Decided reviewed = pending.approve(pending.scopeNames(), Set.of(), CATALOGUE);
		return new AccessRequest(pending.id(), pending.appId(), pending.schoolUrn(), pending.purpose(), reviewed.status(),
				reviewed.scopes(), pending.submittedAt(), pending.deadline(), pending.submittedAt(), "reviewer", null, null,
				null, null, null);
	}

	private static RequestedScope required(String name) {
		return new RequestedScope(name, true, "Why " + name, null);
	}

	private static RequestedScope optional(String name) {
		return new RequestedScope(name, false, "Why " + name, null);
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable decision, String field,
			String... words) {
		assertThatThrownBy(decision).isInstanceOfSatisfying(DecisionRefusedException.class,
				refused -> assertThat(refused.field()).isEqualTo(field))
			.hasMessageContainingAll(words);
	}
}
