package uk.schooldata.approvals.apps;

import java.time.Instant;

/**
 * A third-party app that may ask schools for data.
 *
 * @param registeredBy the platform operator who registered it
 */
public record App(String appId, String name, String contactEmail, String webhookUrl, Instant registeredAt,
		String registeredBy) {
}
