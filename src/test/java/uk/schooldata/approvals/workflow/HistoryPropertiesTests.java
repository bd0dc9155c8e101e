package uk.schooldata.approvals.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HistoryPropertiesTests {

	@Test
	void takesWholeDays() {
		assertThat(new HistoryProperties("01:00", "05:00", Map.of("user-invite", Duration.parse("P365D"))).timeToLive())
			.containsEntry("user-invite", Duration.ofDays(365));
	}

	@Test
	void refusesPartOfADayNamingTheKey() {
		assertThatThrownBy(() -> new HistoryProperties("01:00", "05:00", Map.of("user-invite", Duration.ofHours(36))))
			.hasMessage("app.history.time-to-live.user-invite: give whole days, e.g. P365D");
	}
}
