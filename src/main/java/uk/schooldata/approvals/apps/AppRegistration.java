package uk.schooldata.approvals.apps;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.URL;

/**
 * What a platform operator gives to register an app.
 *
 * @param appId the app's id and API user name: lower-case letters, digits and dashes
 * @param webhookUrl where the app is told about decisions; https, or http on localhost for development
 */
public record AppRegistration(
		@NotNull(message = "is required") @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,62}",
				message = "must be 3 to 63 lower-case letters, digits or dashes, starting with a letter or digit") String appId,
		@NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
		@NotBlank(message = "is required") @Email(message = "must be an email address") String contactEmail,
		@NotBlank(message = "is required") @URL(regexp = "^(https://.+|http://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?)$",
				message = "must be an https URL (http only on localhost)") String webhookUrl) {
}
