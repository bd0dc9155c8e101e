package uk.schooldata.approvals.notification;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks reach apps ({@code app.webhook.*}).
 *
 * @param connectTimeout how long to wait for a connection to the app's webhook URL
 * @param readTimeout how long to wait for the app's answer
 */
@Validated
@ConfigurationProperties("app.webhook")
record WebhookProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("PT2S") Duration connectTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration readTimeout) {
}
