package uk.schooldata.approvals.notification;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param from the sender of every email, e.g. {@code School Data Approvals <no-reply@schooldata.example>}
 */
@Validated
@ConfigurationProperties("app.mail")
record MailProperties(@NotBlank String from) {
}
