package uk.schooldata.approvals.accessrequest;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import uk.schooldata.approvals.workflow.IsoDuration;

/**
 * {@code app.access-request.*}: when, after submission, an undecided request reminds the school's administrators and
 * when it expires. A duration the process timers cannot honour stops the application at start-up.
 *
 * @param firstReminder {@code P3D}
 * @param secondReminder {@code P7D}
 * @param expiry {@code P14D}
 */
@Validated
@ConfigurationProperties("app.access-request")
record AccessRequestProperties(@NotNull IsoDuration firstReminder, @NotNull IsoDuration secondReminder,
		@NotNull IsoDuration expiry) {
}
