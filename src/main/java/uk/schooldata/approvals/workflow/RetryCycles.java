package uk.schooldata.approvals.workflow;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The retry cycles of {@link RetryProperties} as BPMN models read them, by this bean's name:
 * {@code <camunda:failedJobRetryTimeCycle>${retryCycles.mis()}</camunda:failedJobRetryTimeCycle>}.
 */
@Component("retryCycles")
@EnableConfigurationProperties(RetryProperties.class)
public class RetryCycles {

	private final RetryProperties properties;

	RetryCycles(RetryProperties properties) {
		this.properties = properties;
	}

	public String mis() {
		return properties.mis();
	}

	public String mail() {
		return properties.mail();
	}

	public String webhook() {
		return properties.webhook();
	}

	public String batch() {
		return properties.batch();
	}
}
