package uk.schooldata.approvals.invite;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of invitees whose invite ended long enough ago.
 */
@Component
class EraseInviteeDataDelegate implements JavaDelegate {

	static final String ERASED = "erased";

	private final InviteeDataErasureProcess erasure;

	EraseInviteeDataDelegate(InviteeDataErasureProcess erasure) {
		this.erasure = erasure;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(ERASED, erasure.eraseDue(ClockUtil.getCurrentTime().toInstant()));
	}
}
