package uk.schooldata.approvals.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.security.sign-in-throttle}: how many failed sign-ins a client address may make, for one user and in
 * all, before its further attempts are refused until the bucket refills.
 */
@Validated
@ConfigurationProperties("app.security.sign-in-throttle")
record SignInThrottleProperties(@Min(1) int perUserAndAddress, @Min(1) int perAddress, @NotNull Duration refillPeriod) {
}
