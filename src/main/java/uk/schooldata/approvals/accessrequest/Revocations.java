package uk.schooldata.approvals.accessrequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import uk.schooldata.approvals.web.Problems;

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
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "grant-not-found",
					"Grant not found", "App " + appId + " holds " + (scope == null ? "no scopes" : "no grant of " + scope)
							+ " at school " + schoolUrn + "."),
					null);
		}
		Revocation revocation = new Revocation(UUID.randomUUID().toString(), schoolUrn, appId, scope, revokedBy, reason,
				ClockUtil.getCurrentTime().toInstant(), null, List.of(), Map.of());
		revocations.add(revocation);
		process.start(revocation);
		return revocation.id();
	}
}
