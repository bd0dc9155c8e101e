package uk.schooldata.approvals.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile without a platform operator password and an invitation link key from the
 * environment, before anything, the engine's own admin user included, is created. There are no default credentials
 * outside the default profile.
 */
public class ProductionCredentialsCheck implements EnvironmentPostProcessor {

	static final int MINIMUM_PASSWORD_LENGTH = 12;

	static final int MINIMUM_KEY_LENGTH = 32;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		String password = environment.getProperty("OPERATOR_PASSWORD");
		if (password == null || password.isBlank()) {
			throw new IllegalStateException("The prod profile needs the platform operator's password in the "
					+ "environment variable OPERATOR_PASSWORD; refusing to start without it.");
		}
		if (password.length() < MINIMUM_PASSWORD_LENGTH) {
			throw new IllegalStateException("OPERATOR_PASSWORD must have at least " + MINIMUM_PASSWORD_LENGTH
					+ " characters; refusing to start.");
		}
		String linkKey = environment.getProperty("INVITE_LINK_KEY");
		if (linkKey == null || linkKey.length() < MINIMUM_KEY_LENGTH) {
			throw new IllegalStateException("The prod profile needs a secret key of at least " + MINIMUM_KEY_LENGTH
					+ " characters in the environment variable INVITE_LINK_KEY, from which invitation links are made;"
					+ " refusing to start without it.");
		}
	}
}
