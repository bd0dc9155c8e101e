package uk.schooldata.approvals.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import uk.schooldata.approvals.ProcessTest;

/**
 * Retention as configured in {@code app.history}: every process's history time to live, and a nightly cleanup.
 * The cleanup itself removing a finished request is in {@code DataAccessRequestProcessTests}.
 */
@ProcessTest
class HistoryRetentionTests {

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ProcessEngine engine;

	@Test
	void everyProcessKeepsItsHistoryForTheDaysConfiguredWhateverItsDiagramSays() {
		Map<String, Integer> timeToLive = repositoryService.createProcessDefinitionQuery()
			.latestVersion()
			.list()
			.stream()
			.collect(Collectors.toMap(ProcessDefinition::getKey, ProcessDefinition::getHistoryTimeToLive));

		assertThat(timeToLive).containsExactlyInAnyOrderEntriesOf(Map.of("school-onboarding", 2555,
				"data-access-request", 2555, "grant-revocation", 2555, "user-invite", 365, "invite-batch", 365,
				"expired-invites-digest", 90, "invitee-data-erasure", 90));
	}

	@Test
	void theHistoryCleanupIsScheduledEveryNightBetweenOneAndFive() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();

		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
		assertThat(historyService.findHistoryCleanupJobs()).as("the engine created its cleanup job at start-up")
			.isNotEmpty();
	}
}
