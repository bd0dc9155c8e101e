package uk.schooldata.approvals.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.metrics}: how often the gauges read the database.
 *
 * @param refreshInterval the time between two readings of the work's state; every node reads, so a dashboard takes
 * the maximum over nodes, not the sum
 */
@ConfigurationProperties("app.metrics")
public record MetricsProperties(Duration refreshInterval) {

	public MetricsProperties {
		if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
			refreshInterval = Duration.ofSeconds(30);
		}
	}
}
