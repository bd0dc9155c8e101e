package uk.schooldata.approvals.accessrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code app.access-request.*}: what the BPMN timers read and the deadline a request records come from one setting.
 */
class AccessRequestTimersTests {

	@Test
	void aMonthsExpiryGivesADeadlineAMonthOnAndTheTimerTheSameDuration() {
		AccessRequestTimers timers = new AccessRequestTimers(bind(Map.of("app.access-request.first-reminder", "P3D",
				"app.access-request.second-reminder", "P7D", "app.access-request.expiry", "P1M")));
		Instant submitted = Instant.parse("2027-02-10T10:00:00Z");

		assertThat(timers.expiry()).isEqualTo("P1M");
		assertThat(timers.deadlineFor(submitted)).isEqualTo(Instant.parse("2027-03-10T10:00:00Z"));
	}

	@Test
	void aDurationTheTimersCannotHonourStopsTheStartNamingTheKey() {
		assertThatThrownBy(() -> bind(Map.of("app.access-request.first-reminder", "P3D",
				"app.access-request.second-reminder", "P7D", "app.access-request.expiry", "P2W")))
			.isInstanceOf(BindException.class)
			.hasMessageContaining("app.access-request.expiry")
			.hasStackTraceContaining("'P2W' is not a duration the process timers can honour");
	}

	private static AccessRequestProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings))
			.bind("app.access-request", AccessRequestProperties.class)
			.get();
	}
}
