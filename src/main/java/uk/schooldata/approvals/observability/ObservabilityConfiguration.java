package uk.schooldata.approvals.observability;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs {@link WorkStateMetrics}' readings on Spring's scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ObservabilityConfiguration {
}
