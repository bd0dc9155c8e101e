package uk.schooldata.approvals.mis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code misConnection}, in the health group {@code /actuator/health/mis}: whether the MIS answers. Not part of readiness: while the MIS is away, the steps that
 * call it are retried and then become incidents, and everything else goes on. The answer is kept for ten seconds, so
 * that however often the health endpoint is asked, the MIS is asked at most that often.
 */
@Component("misConnection")
class MisHealthIndicator implements HealthIndicator {

	private static final Duration KEPT_FOR = Duration.ofSeconds(10);

	private final HttpMisConnector mis;

	private final Clock clock = Clock.systemUTC();

	private volatile Checked last;

	MisHealthIndicator(HttpMisConnector mis) {
		this.mis = mis;
	}

	@Override
	public Health health() {
		Checked checked = last;
		Instant now = clock.instant();
		if (checked == null || checked.at().plus(KEPT_FOR).isBefore(now)) {
			checked = new Checked(now, check());
			last = checked;
		}
		return checked.health();
	}

	private Health check() {
		try {
			return Health.up().withDetail("answered", mis.ping()).build();
		}
		catch (MisUnavailableException ex) {
			return Health.down().withDetail("problem", ex.getMessage()).build();
		}
	}

	private record Checked(Instant at, Health health) {
	}
}
