package uk.schooldata.approvals.workflow;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.history.*}: how long the engine keeps each process's history, and when it cleans up.
 *
 * @param cleanupWindowStart {@code HH:mm}, when the nightly history cleanup may start (server time)
 * @param cleanupWindowEnd {@code HH:mm}, when it stops for the night
 * @param timeToLive per process definition key, how long a finished instance's history is kept (whole days); it
 * replaces the {@code historyTimeToLive} in the diagram, for every version deployed
 */
@ConfigurationProperties("app.history")
public record HistoryProperties(String cleanupWindowStart, String cleanupWindowEnd, Map<String, Duration> timeToLive) {

	public HistoryProperties {
		timeToLive = timeToLive == null ? Map.of() : Map.copyOf(timeToLive);
		timeToLive.forEach((key, ttl) -> {
			if (ttl.isNegative() || ttl.toSeconds() % Duration.ofDays(1).toSeconds() != 0) {
				throw new IllegalArgumentException("app.history.time-to-live." + key + ": give whole days, e.g. P365D");
			}
		});
	}
}
