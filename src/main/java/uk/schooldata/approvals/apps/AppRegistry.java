package uk.schooldata.approvals.apps;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import uk.schooldata.approvals.security.AppIdentities;

/**
 * Registers apps: the app's row with its webhook signing secret, and its API identity, together or not at all.
 */
@Service
public class AppRegistry {

	private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

	private static final int WEBHOOK_SECRET_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Apps apps;

	private final AppIdentities identities;

	private final Clock clock = Clock.systemUTC();

	AppRegistry(Apps apps, AppIdentities identities) {
		this.apps = apps;
		this.identities = identities;
	}

	/**
	 * @return the app's API secret (stored only as a salted hash) and its webhook signing secret (32 random bytes,
	 * base64url): both shown to the caller once
	 */
	@Transactional
	public AppSecrets register(AppRegistration registration, String operator) {
		String apiSecret = identities.create(checkedFree(registration), registration.name(),
				registration.contactEmail());
		String webhookSecret = newWebhookSecret();
		apps.add(registration, webhookSecret, operator, clock.instant());
		LOG.info("App {} registered", registration.appId());
		return new AppSecrets(apiSecret, webhookSecret);
	}

	/**
	 * Registers an app with secrets of the caller's choosing: the demo app's, from configuration.
	 */
	@Transactional
	public void register(AppRegistration registration, String operator, AppSecrets secrets) {
		Assert.hasText(secrets.apiSecret(), "An API secret is required");
		Assert.hasText(secrets.webhookSecret(), "A webhook secret is required");
		identities.create(checkedFree(registration), registration.name(), registration.contactEmail(),
				secrets.apiSecret());
		apps.add(registration, secrets.webhookSecret(), operator, clock.instant());
	}

	/**
	 * Gives an app registered before apps had webhook secrets the one given here; an app that has one keeps it.
	 *
	 * @return whether the app was given the secret
	 */
	@Transactional
	public boolean giveWebhookSecretIfMissing(String appId, String webhookSecret) {
		Assert.hasText(webhookSecret, "A webhook secret is required");
		boolean given = apps.setWebhookSecretIfMissing(appId, webhookSecret);
		if (given) {
			LOG.info("App {} given a webhook signing secret", appId);
		}
		return given;
	}

	private String checkedFree(AppRegistration registration) {
		if (apps.findById(registration.appId()).isPresent() || identities.exists(registration.appId())) {
			throw new AppIdTakenException(registration.appId());
		}
		return registration.appId();
	}

	private static String newWebhookSecret() {
		byte[] bytes = new byte[WEBHOOK_SECRET_BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
