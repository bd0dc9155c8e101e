package uk.schooldata.approvals.accessrequest;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the grants: from this transaction on, the data-flow check answers "not allowed" for them.
 */
@Component
class RevokeGrantsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RevokeGrantsDelegate.class);

	private final Grants grants;

	RevokeGrantsDelegate(Grants grants) {
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = (String) execution.getVariable(GrantRevocationProcess.SCHOOL_URN);
		String appId = (String) execution.getVariable(GrantRevocationProcess.APP_ID);
		List<String> revoked = grants.revoke(urn, appId,
				DataAccessRequestProcess.strings(execution.getVariable(GrantRevocationProcess.SCOPES)),
				(String) execution.getVariable(GrantRevocationProcess.REVOKED_BY),
				(String) execution.getVariable(GrantRevocationProcess.REASON), ClockUtil.getCurrentTime().toInstant());
		execution.setVariable(GrantRevocationProcess.REVOKED_SCOPES, String.join(",", revoked));
		LOG.info("School {} revoked {} scopes of app {}", urn, revoked.size(), appId);
	}
}
