package uk.schooldata.approvals.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * One parsing of the durations in {@code app.*}: the deadline shown to people is where Camunda's own timer fires.
 */
class IsoDurationTests {

	static final Instant END_OF_JANUARY = Instant.parse("2027-01-31T09:30:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "P14D", "P1M", "P1Y", "PT12H", "P1DT6H", "PT90M", "PT45S", "P1Y2M3DT4H5M6S" })
	void endsWhereCamundasTimerFires(String text) throws Exception {
		Date camunda = new DurationHelper(text, Date.from(END_OF_JANUARY)).getDateAfter();

		assertThat(IsoDuration.valueOf(text).after(END_OF_JANUARY)).isEqualTo(camunda.toInstant());
	}

	@Test
	void aMonthIsACalendarMonthNotNoTimeAtAll() {
		assertThat(IsoDuration.valueOf("P1M").after(Instant.parse("2027-03-15T12:00:00Z")))
			.isAfter(Instant.parse("2027-04-14T00:00:00Z"))
			.isBefore(Instant.parse("2027-04-16T00:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "P2W", "PT0.5S", "-P1D", "P", "PT", "14 days", "P1DT", "" })
	void refusesWhatTheTimersCannotHonour(String text) {
		assertThatThrownBy(() -> IsoDuration.valueOf(text)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("is not a duration the process timers can honour")
			.hasMessageContaining("P14D");
	}

	@Test
	void aRetryCycleWithAWaitTheTimersCannotHonourStopsTheStartNamingTheKey() {
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("app.retry.mis", "PT10S,PT1M", "app.retry.mail", "PT1M,2 minutes", "app.retry.webhook", "PT1M",
						"app.retry.batch", "PT10S")));

		assertThatThrownBy(() -> binder.bind("app.retry", RetryProperties.class)).isInstanceOf(BindException.class)
			.hasStackTraceContaining("app.retry.mail: '2 minutes' is not a duration the process timers can honour");
	}

	@Test
	void bindsDurationsFromTheirText() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("duration", "P1M")));

		assertThat(binder.bind("duration", IsoDuration.class).get()).hasToString("P1M");
	}
}
