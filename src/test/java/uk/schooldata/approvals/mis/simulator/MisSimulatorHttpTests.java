package uk.schooldata.approvals.mis.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisRefusedException;
import uk.schooldata.approvals.mis.MisRefusedException.Reason;
import uk.schooldata.approvals.mis.MisUnavailableException;
import uk.schooldata.approvals.mis.MisUser;
import uk.schooldata.approvals.mis.StudentFilter;

/**
 * The application's own MIS connector against the in-process simulator, over HTTP on the server's random port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class MisSimulatorHttpTests {

	private static final String PLATFORM_USERNAME = "sda-platform";

	@Autowired
	MisConnector mis;

	@Autowired
	MisSimulator simulator;

	@AfterEach
	void resetSimulator() {
		simulator.reset();
	}

	@Test
	void createsThePlatformUserOnlyOnce() {
		MisUser first = mis.createPlatformUser("100101", PLATFORM_USERNAME);
		MisUser second = mis.createPlatformUser("100101", PLATFORM_USERNAME);

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(simulator.userCount("100101")).isEqualTo(1);
	}

	@Test
	void addsTheUserToAGroupOnlyOnce() {
		MisUser user = mis.createPlatformUser("100102", PLATFORM_USERNAME);

		mis.addUserToGroup("100102", user.id(), MisPermissionGroup.THIRD_PARTY_REPORTER);
		mis.addUserToGroup("100102", user.id(), MisPermissionGroup.THIRD_PARTY_REPORTER);

		assertThat(mis.readUser("100102", user.id()).groups()).containsExactly("Third Party Reporter");
	}

	@Test
	void readsTheSchoolsPeopleAsTheSimulatorHoldsThem() {
		assertThat(mis.listStaff("100103")).isEqualTo(simulator.staff("100103"));
		assertThat(mis.listStudents("100103", StudentFilter.registrationGroup("8B")))
			.isEqualTo(simulator.students("100103", StudentFilter.registrationGroup("8B")));
		assertThat(mis.listContacts("100103")).isEqualTo(simulator.contacts("100103"));
		assertThat(mis.listGroups("100103")).isEqualTo(simulator.groups("100103"));
	}

	@Test
	void refusesTheConfiguredUnknownAndForbiddenSchools() {
		assertThatExceptionOfType(MisRefusedException.class)
			.isThrownBy(() -> mis.createPlatformUser("999999", PLATFORM_USERNAME))
			.satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(Reason.UNKNOWN_SCHOOL));
		assertThatExceptionOfType(MisRefusedException.class)
			.isThrownBy(() -> mis.createPlatformUser("999998", PLATFORM_USERNAME))
			.satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(Reason.FORBIDDEN));
	}

	@Test
	void createsExactlyOneUserWhenAnOutageEndsAndTheCallIsRetried() {
		simulator.failWith(1.0);
		assertThatExceptionOfType(MisUnavailableException.class)
			.isThrownBy(() -> mis.createPlatformUser("100104", PLATFORM_USERNAME))
			.withMessageContaining("503");
		assertThat(simulator.userCount("100104")).isZero();

		simulator.reset();
		MisUser user = mis.createPlatformUser("100104", PLATFORM_USERNAME);

		assertThat(simulator.user("100104", PLATFORM_USERNAME)).contains(user);
		assertThat(simulator.userCount("100104")).isEqualTo(1);
	}
}
