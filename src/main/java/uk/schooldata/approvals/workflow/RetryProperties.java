package uk.schooldata.approvals.workflow;

import java.util.Arrays;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.retry.*}: how often and after what waits a step that calls the outside world is retried before it
 * raises an incident. Each is a comma-separated list of waits, one per retry, each an {@link IsoDuration}; anything
 * else stops the application at start-up, saying which key is wrong.
 *
 * @param mis calls to a school's MIS
 * @param mail sending email
 * @param webhook notifying an app
 * @param batch starting a chunk of a batch's processes (only the database can fail there)
 */
@Validated
@ConfigurationProperties("app.retry")
public record RetryProperties(@NotBlank String mis, @NotBlank String mail, @NotBlank String webhook,
		@NotBlank String batch) {

	public RetryProperties {
		check("app.retry.mis", mis);
		check("app.retry.mail", mail);
		check("app.retry.webhook", webhook);
		check("app.retry.batch", batch);
	}

	private static void check(String key, String cycle) {
		if (cycle == null || cycle.isBlank()) {
			return;
		}
		try {
			Arrays.stream(cycle.split(",")).forEach(IsoDuration::valueOf);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
		}
	}
}
