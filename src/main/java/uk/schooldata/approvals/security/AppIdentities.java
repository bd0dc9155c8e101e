package uk.schooldata.approvals.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Apps' API identities: a user of the identity service in group {@code apps}, whose password is the app's secret.
 * The identity service keeps only a salted hash of it.
 */
@Component
public class AppIdentities {

	private final IdentityService identityService;

	AppIdentities(IdentityService identityService) {
		this.identityService = identityService;
	}

	public boolean exists(String appId) {
		return identityService.createUserQuery().userId(appId).count() > 0;
	}

	/**
	 * Creates the app's identity with a new random secret.
	 *
	 * @return the secret, to be shown to the operator once and never again
	 */
	public String create(String appId, String name, String contactEmail) {
		String secret = SchoolIdentities.randomSecret() + SchoolIdentities.randomSecret();
		create(appId, name, contactEmail, secret);
		return secret;
	}

	/**
	 * Creates the app's identity with a given secret (the demo app's, from configuration).
	 */
	public void create(String appId, String name, String contactEmail, String secret) {
		User app = identityService.newUser(appId);
		app.setFirstName(name);
		app.setLastName("(app)");
		app.setEmail(contactEmail);
		app.setPassword(secret);
		identityService.saveUser(app);
		identityService.createMembership(appId, Roles.APPS);
	}
}
