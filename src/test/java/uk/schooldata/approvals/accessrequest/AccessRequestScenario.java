package uk.schooldata.approvals.accessrequest;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

import uk.schooldata.approvals.Jobs;
import uk.schooldata.approvals.accessrequest.AccessRequestSubmission.ScopeRequest;
import uk.schooldata.approvals.apps.AppRegistration;
import uk.schooldata.approvals.apps.AppRegistry;
import uk.schooldata.approvals.onboarding.SchoolOnboardingProcess;
import uk.schooldata.approvals.onboarding.SchoolRegistration;
import uk.schooldata.approvals.onboarding.SchoolRegistrations;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Test data for data access requests: an onboarded school with two administrators, and a registered app.
 * Import it into a test with {@code @Import(AccessRequestScenario.class)}.
 */
public class AccessRequestScenario {

	private final SchoolOnboardingProcess onboarding;

	private final ManagementService managementService;

	private final AppRegistry appRegistry;

	private final SchoolIdentities schoolIdentities;

	AccessRequestScenario(SchoolOnboardingProcess onboarding, ManagementService managementService,
			AppRegistry appRegistry, SchoolIdentities schoolIdentities) {
		this.onboarding = onboarding;
		this.managementService = managementService;
		this.appRegistry = appRegistry;
		this.schoolIdentities = schoolIdentities;
	}

	/**
	 * Onboards a school through the real process (MIS simulator over HTTP) and gives it a second administrator.
	 */
	School anOnboardedSchool() {
		SchoolRegistration registration = SchoolRegistrations.hillsideAcademy();
		String instance = onboarding.start(registration).getId();
		runJobs(instance);
		String first = registration.contactEmail();
		String second = schoolIdentities.addAdministrator(registration.urn(), "deputy-" + registration.urn() + "@hillside.example");
		return new School(registration.urn(), first, second);
	}

	String anApp(String webhookUrl) {
		String appId = "app-" + System.nanoTime();
		appRegistry.register(new AppRegistration(appId, "Homework Hub", "dev@homework-hub.example", webhookUrl),
				"test");
		return appId;
	}

	void runJobs(String processInstanceId) {
		Jobs.runAll(managementService, processInstanceId);
	}

	static AccessRequestSubmission asking(String urn, ScopeRequest... scopes) {
		return new AccessRequestSubmission(urn, "Set homework for each class and tell parents about it", List.of(scopes));
	}

	static ScopeRequest required(String scope) {
		return new ScopeRequest(scope, true, null);
	}

	static ScopeRequest optional(String scope) {
		return new ScopeRequest(scope, false, null);
	}

	static ScopeRequest justified(String scope, boolean required) {
		return new ScopeRequest(scope, required, "To adapt homework for students with special educational needs");
	}

	record School(String urn, String administrator, String secondAdministrator) {
	}
}
