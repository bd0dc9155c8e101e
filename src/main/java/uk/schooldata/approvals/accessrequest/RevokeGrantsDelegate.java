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
 * {@code students.basic}): from this transaction on, the data-flow check answers "not allowed" for them.
 */
@Component
class RevokeGrantsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RevokeGrantsDelegate.class);

	private final Grants grants;

	private final ScopeCatalogue catalogue;

	RevokeGrantsDelegate(Grants grants, ScopeCatalogue catalogue) {
		this.grants = grants;
		this.catalogue = catalogue;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = (String) execution.getVariable(GrantRevocationProcess.SCHOOL_URN);
		String appId = (String) execution.getVariable(GrantRevocationProcess.APP_ID);
		List<String> asked = DataAccessRequestProcess.strings(execution.getVariable(GrantRevocationProcess.SCOPES));
		String revokedBy = (String) execution.getVariable(GrantRevocationProcess.REVOKED_BY);
		String reason = (String) execution.getVariable(GrantRevocationProcess.REASON);
		Instant now = ClockUtil.getCurrentTime().toInstant();
		List<String> held = grants.inForce(urn, appId).stream().map(Grant::scope).toList();
		Map<String, String> dependants = asked.isEmpty() ? Map.of() : catalogue.dependantsOf(asked, held);
		List<String> revoked = new ArrayList<>(grants.revoke(urn, appId, asked, revokedBy, reason, now));
		dependants.forEach((scope, parent) -> revoked.addAll(grants.revoke(urn, appId, List.of(scope), revokedBy,
				"Revoked with " + parent + ", which it needs" + (reason == null || reason.isBlank() ? "" : ": " + reason),
				now)));
		execution.setVariable(GrantRevocationProcess.REVOKED_SCOPES, String.join(",", revoked));
		execution.setVariable(GrantRevocationProcess.DEPENDANTS_REVOKED, String.join(",", dependants.entrySet()
			.stream()
			.map(dependant -> GrantRevocationProcess.dependant(dependant.getKey(), dependant.getValue()))
			.toList()));
		LOG.info("School {} revoked {} scopes of app {}, {} of them with a scope they need", urn, revoked.size(),
				appId, dependants.size());
	}
}
