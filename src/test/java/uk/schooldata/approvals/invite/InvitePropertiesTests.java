package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code app.invite.*} is checked when the application starts: durations and the digest's cron as the timers read them.
 */
class InvitePropertiesTests {

	@Test
	void bindsTheDefaults() {
		InviteProperties properties = bind(Map.of());

		assertThat(properties.expiry()).hasToString("P14D");
		assertThat(properties.digestCron()).isEqualTo("0 0 7 * * ?");
	}

	@Test
	void aDigestCronTheTimersCannotReadStopsTheStartNamingTheKey() {
		assertThatThrownBy(() -> bind(Map.of("app.invite.digest-cron", "every morning at seven")))
			.isInstanceOf(BindException.class)
			.hasStackTraceContaining("app.invite.digest-cron: 'every morning at seven' is not a cron expression");
	}

	@Test
	void anExpiryInWeeksStopsTheStart() {
		assertThatThrownBy(() -> bind(Map.of("app.invite.expiry", "P2W"))).isInstanceOf(BindException.class)
			.hasMessageContaining("app.invite.expiry");
	}

	private static InviteProperties bind(Map<String, String> overrides) {
		Map<String, String> settings = new HashMap<>(Map.of("app.invite.base-url", "http://localhost:8080",
				"app.invite.expiry", "P14D", "app.invite.reminder", "P10D", "app.invite.start-chunk-size", "100",
				"app.invite.digest-cron", "0 0 7 * * ?", "app.invite.personal-data-retention", "P90D",
				"app.invite.erasure-cron", "0 30 2 * * ?"));
		settings.putAll(overrides);
		return new Binder(new MapConfigurationPropertySource(settings)).bind("app.invite", InviteProperties.class).get();
	}
}
