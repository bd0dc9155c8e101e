package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the grants, and with each the granted scopes that need it ({@code students.sen_needs} goes with
 * {@code students.basic}): from this transaction on, the data-flow check answers "not allowed" for them. What to
 * revoke, for whom and why comes from the revocation bound to the instance; what it ended is recorded there, once.
 */
@Component
class RevokeGrantsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RevokeGrantsDelegate.class);

	private final GrantRevocations revocations;

	private final Grants grants;

	private final ScopeCatalogue catalogue;

	private final DecisionRecords records;

	RevokeGrantsDelegate(GrantRevocations revocations, Grants grants, ScopeCatalogue catalogue,
			DecisionRecords records) {
		this.revocations = revocations;
		this.grants = grants;
		this.catalogue = catalogue;
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Revocation revocation = revocations.boundTo(execution.getProcessInstanceId());
		if (revocation.revokedAt() != null) {
			throw new DecisionNotOnRecordException("Revocation " + revocation.id() + " has ended its grants already.");
		}
		String urn = revocation.schoolUrn();
		String appId = revocation.appId();
		Instant now = ClockUtil.getCurrentTime().toInstant();
		List<String> held = grants.inForce(urn, appId).stream().map(Grant::scope).toList();
		Map<String, String> dependants = revocation.asked().isEmpty() ? Map.of()
				: catalogue.dependantsOf(revocation.asked(), held);
		List<String> revoked = new ArrayList<>(
				grants.revoke(urn, appId, revocation.asked(), revocation.revokedBy(), revocation.reason(), now));
		dependants.forEach((scope, parent) -> revoked.addAll(grants.revoke(urn, appId, List.of(scope),
				revocation.revokedBy(), "Revoked with " + parent + ", which it needs"
						+ (revocation.reason() == null || revocation.reason().isBlank() ? "" : ": " + revocation.reason()),
				now)));
		revocations.recordRevoked(revocation.id(), revoked, dependants, now);
		records.revoked(revocation, revoked, now);
		execution.setVariable(GrantRevocationProcess.REVOKED_SCOPES, String.join(",", revoked));
		execution.setVariable(GrantRevocationProcess.DEPENDANTS_REVOKED, String.join(",", dependants.entrySet()
			.stream()
			.map(dependant -> GrantRevocations.dependant(dependant.getKey(), dependant.getValue()))
			.toList()));
		LOG.info("School {} revoked {} scopes of app {}, {} of them with a scope they need", urn, revoked.size(),
				appId, dependants.size());
	}
}
