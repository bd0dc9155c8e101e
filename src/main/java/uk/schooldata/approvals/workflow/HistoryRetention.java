package uk.schooldata.approvals.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives every deployed version of each process the history time to live that {@code app.history.time-to-live}
 * configures, once the engine has deployed the processes at start-up, so that the nightly history cleanup removes what the school's
 * retention schedule says and no more. A key that names no deployed process stops the start: a typo must not keep
 * history longer, or shorter, than intended.
 */
@Component
@EnableConfigurationProperties(HistoryProperties.class)
class HistoryRetention {

	private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

	private final RepositoryService repositoryService;

	private final HistoryProperties properties;

	HistoryRetention(RepositoryService repositoryService, HistoryProperties properties) {
		this.repositoryService = repositoryService;
		this.properties = properties;
	}

	@EventListener(ApplicationStartedEvent.class)
	void applyTimeToLive() {
		for (Map.Entry<String, Duration> entry : properties.timeToLive().entrySet()) {
			int days = Math.toIntExact(entry.getValue().toDays());
			var definitions = repositoryService.createProcessDefinitionQuery().processDefinitionKey(entry.getKey()).list();
			if (definitions.isEmpty()) {
				throw new IllegalStateException("app.history.time-to-live." + entry.getKey()
						+ ": no process with that key is deployed");
			}
			for (ProcessDefinition definition : definitions) {
				if (!Objects.equals(definition.getHistoryTimeToLive(), days)) {
					repositoryService.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
				}
			}
			LOG.info("History of {} is kept {} days after each instance ends", entry.getKey(), days);
		}
	}
}
