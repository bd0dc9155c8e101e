package uk.schooldata.approvals.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MisPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(MisPropertiesConfiguration.class)
		.withPropertyValues("app.mis.api-key=secret", "app.mis.connect-timeout=PT2S", "app.mis.read-timeout=PT10S",
				"app.mis.platform-username=sda-platform");

	@Test
	void needsNoBaseUrlWhenTheSimulatorIsOnByDefault() {
		context.run(context -> {
			MisProperties properties = context.getBean(MisProperties.class);
			assertThat(properties.simulator().enabled()).isTrue();
			assertThat(properties.simulator().latency()).isEqualTo(Duration.ZERO);
			assertThat(properties.simulator().unknownSchools()).isEmpty();
		});
	}

	@Test
	void failsAtStartupWithoutABaseUrlWhenTheSimulatorIsOff() {
		context.withPropertyValues("app.mis.simulator.enabled=false")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("app.mis.base-url must be set when the MIS simulator is off"));
	}

	@Test
	void acceptsABaseUrlWhenTheSimulatorIsOff() {
		context.withPropertyValues("app.mis.simulator.enabled=false", "app.mis.base-url=https://mis.example/api/v1")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsAtStartupWithAnErrorRateAboveOne() {
		context.withPropertyValues("app.mis.simulator.error-rate=1.5")
			.run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("errorRate"));
	}

	@Test
	void failsAtStartupWithoutAnApiKey() {
		context.withPropertyValues("app.mis.api-key=")
			.run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("apiKey"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MisProperties.class)
	static class MisPropertiesConfiguration {

	}
}
