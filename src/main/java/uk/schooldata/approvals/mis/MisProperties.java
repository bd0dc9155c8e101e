package uk.schooldata.approvals.mis;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * How this system reaches the schools' MIS ({@code app.mis.*}).
 *
 * @param baseUrl the MIS API's base URL, for example {@code https://mis.example/api/v1}; blank for the in-process
 * simulator on this server's own port
 * @param apiKey sent as {@code X-API-Key} with every request
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param platformUsername the username of the platform's user in every school's MIS
 * @param simulator the in-process MIS simulator
 */
@Validated
@ConfigurationProperties("app.mis")
public record MisProperties(String baseUrl, @NotBlank String apiKey,
		@NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@NotNull @DurationMin(millis = 1) Duration readTimeout, @NotBlank String platformUsername,
		@Valid @DefaultValue Simulator simulator) {

	/**
	 * Without a base URL the adapter calls the simulator, so one of the two is needed.
	 */
	@AssertTrue(message = "app.mis.base-url must be set when the MIS simulator is off (app.mis.simulator.enabled=false)")
	boolean isBaseUrlSetOrSimulatorEnabled() {
		return StringUtils.hasText(baseUrl) || simulator.enabled();
	}

	/**
	 * The in-process MIS simulator ({@code app.mis.simulator.*}): on by default, off in {@code prod}.
	 *
	 * @param enabled whether the simulator serves the MIS API under {@code /mis-sim/api/v1}
	 * @param errorRate the share of requests, from 0.0 to 1.0, answered with 503
	 * @param latency added to every answer
	 * @param unknownSchools URNs the simulator answers 404 {@code unknown_school} for
	 * @param forbiddenSchools URNs the simulator answers 403 {@code forbidden} for
	 */
	public record Simulator(@DefaultValue("true") boolean enabled,
			@DecimalMin("0.0") @DecimalMax("1.0") double errorRate,
			@NotNull @DurationMin(millis = 0) @DefaultValue("PT0S") Duration latency,
			@DefaultValue List<String> unknownSchools, @DefaultValue List<String> forbiddenSchools) {

		/** Where the simulator serves the MIS API, relative to this server's root. */
		public static final String PATH = "/mis-sim/api/v1";

		public Simulator {
			unknownSchools = List.copyOf(unknownSchools);
			forbiddenSchools = List.copyOf(forbiddenSchools);
		}
	}
}
