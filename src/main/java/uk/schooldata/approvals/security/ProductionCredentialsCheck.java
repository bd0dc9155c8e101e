package uk.schooldata.approvals.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile without a platform operator password from the environment, before
 * anything, the engine's own admin user included, is created. There are no default credentials outside the default
 * profile.
 */
public class ProductionCredentialsCheck implements EnvironmentPostProcessor {

	static final int MINIMUM_PASSWORD_LENGTH = 12;

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
	}
}
