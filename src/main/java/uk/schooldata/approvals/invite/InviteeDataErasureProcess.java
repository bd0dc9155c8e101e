package uk.schooldata.approvals.invite;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code invitee-data-erasure} process ({@code processes/invitee-data-erasure.bpmn}): every night, the personal
 * data of invitees whose invite ended without an account more than {@code app.invite.personal-data-retention} ago is
 * erased, from this system's tables and from the engine's history of their invitations. What happened stays: the
 * invite reads "Former student", with its status, its times and who sent and ended it, and the audit timeline tells
 * the same story without the name.
 * <p>
 * Active invites keep their invitee's data: it is the account's, kept while the account exists.
 */
@Component
public class InviteeDataErasureProcess {

	public static final String KEY = "invitee-data-erasure";

	public static final String ERASE = "Task_ErasePersonalData";

	private static final Logger LOG = LoggerFactory.getLogger(InviteeDataErasureProcess.class);

	private final Invites invites;

	private final InviteTimers timers;

	private final HistoryService historyService;

	InviteeDataErasureProcess(Invites invites, InviteTimers timers, HistoryService historyService) {
		this.invites = invites;
		this.timers = timers;
		this.historyService = historyService;
	}

	/**
	 * Erases what is due now.
	 *
	 * @return how many invites were erased
	 */
	@Transactional
	int eraseDue(Instant now) {
		Instant endedBefore = timers.personalDataEndedBefore(now);
		int erased = 0;
		for (String inviteId : invites.endedWithPersonalData(endedBefore)) {
			if (invites.erasePersonalData(inviteId, now)) {
				forgetInHistory(inviteId);
				erased++;
			}
		}
		int skips = invites.eraseSkips(endedBefore);
		LOG.info("Erased the personal data of {} ended invitations and {} skipped people", erased, skips);
		return erased;
	}

	/**
	 * The invitee's name, kept as a variable of each of the invite's {@code user-invite} instances.
	 */
	private void forgetInHistory(String inviteId) {
		List<String> instances = historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey(UserInviteProcess.KEY)
			.processInstanceBusinessKey(inviteId)
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
		if (instances.isEmpty()) {
			return;
		}
		historyService.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instances.toArray(String[]::new))
			.variableName(UserInviteProcess.INVITEE_NAME)
			.list()
			.stream()
			.map(HistoricVariableInstance::getId)
			.forEach(historyService::deleteHistoricVariableInstance);
	}
}
