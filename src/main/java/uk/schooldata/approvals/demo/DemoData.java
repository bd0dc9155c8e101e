package uk.schooldata.approvals.demo;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.AppRegistration;
import uk.schooldata.approvals.apps.AppRegistry;
import uk.schooldata.approvals.apps.AppSecrets;
import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.SchoolOnboardingProcess;
import uk.schooldata.approvals.onboarding.SchoolRegistration;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.security.Roles;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Seeds the demo identities once: the auditor, the demo app, and for each demo school its administrator (with the
 * configured password) and an onboarding run through the MIS simulator. Safe on every start.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("app.demo.enabled")
class DemoData implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

	private final DemoProperties demo;

	private final IdentityService identityService;

	private final AppRegistry appRegistry;

	private final Apps apps;

	private final Schools schools;

	private final SchoolOnboardingProcess onboarding;

	private final SchoolIdentities schoolIdentities;

	DemoData(DemoProperties demo, IdentityService identityService, AppRegistry appRegistry, Apps apps,
			Schools schools, SchoolOnboardingProcess onboarding, SchoolIdentities schoolIdentities) {
		this.demo = demo;
		this.identityService = identityService;
		this.appRegistry = appRegistry;
		this.apps = apps;
		this.schools = schools;
		this.onboarding = onboarding;
		this.schoolIdentities = schoolIdentities;
	}

	@Override
	public void run(ApplicationArguments args) {
		ensureUser(demo.auditor().username(), "Demo", "Auditor", demo.auditor().password(), Roles.AUDITORS);
		if (apps.findById(demo.app().appId()).isEmpty()) {
			appRegistry.register(new AppRegistration(demo.app().appId(), demo.app().name(), demo.app().contactEmail(),
					demo.app().webhookUrl()), "demo-data", new AppSecrets(demo.app().secret(), demo.app().webhookSecret()));
			LOG.info("Demo app {} registered", demo.app().appId());
		}
		else {
			// A demo app seeded before apps had webhook secrets.
			appRegistry.giveWebhookSecretIfMissing(demo.app().appId(), demo.app().webhookSecret());
		}
		for (DemoProperties.DemoSchool school : demo.schools()) {
			ensureUser(school.administrator(), "Administrator", school.name(), school.password(), Roles.SCHOOL_ADMINS);
			if (schools.findByUrn(school.urn()).isEmpty()) {
				schoolIdentities.createTenant(school.urn(), school.name());
				schoolIdentities.addAdministrator(school.urn(), school.administrator());
				onboarding.start(new SchoolRegistration(school.urn(), school.name(), school.administrator(), false));
				LOG.info("Demo school {} onboarding started", school.urn());
			}
		}
	}

	private void ensureUser(String id, String firstName, String lastName, String password, String group) {
		if (identityService.createUserQuery().userId(id).count() > 0) {
			return;
		}
		User user = identityService.newUser(id);
		user.setFirstName(firstName);
		user.setLastName(lastName);
		if (id.contains("@")) {
			user.setEmail(id);
		}
		user.setPassword(password);
		identityService.saveUser(user);
		identityService.createMembership(id, group);
		LOG.info("Demo user {} created in {}", id, group);
	}
}
