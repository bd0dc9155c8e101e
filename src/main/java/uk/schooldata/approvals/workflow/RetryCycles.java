package uk.schooldata.approvals.workflow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camunda retry cycles for steps that call the outside world, from {@code app.retry.*}: comma-separated ISO-8601
 * waits, one per retry, after which the job raises an incident. BPMN models address this bean by name, as in
 * {@code <camunda:failedJobRetryTimeCycle>${retryCycles.mis()}</camunda:failedJobRetryTimeCycle>}.
 *
 * @param mis calls to a school's MIS
 * @param mail sending email
 * @param webhook notifying an app
 */
@Component("retryCycles")
public record RetryCycles(@Value("${app.retry.mis}") String mis, @Value("${app.retry.mail}") String mail,
		@Value("${app.retry.webhook}") String webhook) {
}
