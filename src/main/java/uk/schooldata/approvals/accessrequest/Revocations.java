package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * Records and starts a revocation for grants in force; refuses one that would revoke nothing.
 */
@Service
public class Revocations {

	private final Grants grants;

	private final GrantRevocations revocations;

	private final GrantRevocationProcess process;

	Revocations(Grants grants, GrantRevocations revocations, GrantRevocationProcess process) {
		this.grants = grants;
		this.revocations = revocations;
		this.process = process;
	}

	/**
	 * @param scope one scope, or {@code null} for every scope the app holds at the school
	 * @return the id of the revocation process instance
	 */
	@Transactional
	public String revoke(String schoolUrn, String appId, String scope, String revokedBy, String reason) {
		boolean inForce = scope == null ? !grants.inForce(schoolUrn, appId).isEmpty()
				: grants.inForce(schoolUrn, appId, scope).isPresent();
		if (!inForce) {
			throw new GrantNotFoundException(schoolUrn, appId, scope);
		}
		Revocation revocation = new Revocation(UUID.randomUUID().toString(), schoolUrn, appId, scope, revokedBy, reason,
				ClockUtil.getCurrentTime().toInstant(), null, List.of(), Map.of());
		revocations.add(revocation);
		process.start(revocation);
		return revocation.id();
	}
}
