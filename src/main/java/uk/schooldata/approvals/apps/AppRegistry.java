package uk.schooldata.approvals.apps;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import uk.schooldata.approvals.security.AppIdentities;
import uk.schooldata.approvals.web.Problems;

/**
 * Registers apps: the app's row and its API identity, together or not at all.
 */
@Service
public class AppRegistry {

	private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

	private final Apps apps;

	private final AppIdentities identities;

	private final Clock clock = Clock.systemUTC();

	AppRegistry(Apps apps, AppIdentities identities) {
		this.apps = apps;
		this.identities = identities;
	}

	/**
	 * @return the app's secret: shown to the caller once, stored only as a salted hash
	 */
	@Transactional
	public String register(AppRegistration registration, String operator) {
		String secret = identities.create(checkedFree(registration), registration.name(), registration.contactEmail());
		apps.add(registration, operator, clock.instant());
		LOG.info("App {} registered by {}", registration.appId(), operator);
		return secret;
	}

	/**
	 * Registers an app with a secret of the caller's choosing: the demo app's, from configuration.
	 */
	@Transactional
	public void register(AppRegistration registration, String operator, String secret) {
		identities.create(checkedFree(registration), registration.name(), registration.contactEmail(), secret);
		apps.add(registration, operator, clock.instant());
	}

	private String checkedFree(AppRegistration registration) {
		if (apps.findById(registration.appId()).isPresent() || identities.exists(registration.appId())) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "app-id-taken",
					"App id taken", "The id '" + registration.appId() + "' is already in use; choose another."), null);
		}
		return registration.appId();
	}
}
