package uk.schooldata.approvals.mis.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import uk.schooldata.approvals.mis.MisProperties;

/**
 * The MIS API's status codes and error answers, as the simulator serves them.
 */
@WebMvcTest(MisSimulatorController.class)
// The simulator checks its own API key, as a real MIS does; the application lets /mis-sim through Spring Security
// (proved over HTTP in MisSimulatorHttpTests), so the slice leaves the security filters out.
@AutoConfigureMockMvc(addFilters = false)
@Import(MisSimulator.class)
@EnableConfigurationProperties(MisProperties.class)
class MisSimulatorControllerTests {

	private static final String SCHOOL = "/mis-sim/api/v1/schools/100201";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MisSimulator simulator;

	@Test
	void createsAUserWithItsLocation() {
		assertThat(withKey(mvc.post().uri(SCHOOL + "/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "sda-platform", "displayName": "School Data Platform"}
				"""))).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://localhost" + SCHOOL + "/users/MISU-100201-1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"id": "MISU-100201-1", "username": "sda-platform", "groups": []}
					""");
	}

	@Test
	void answersConflictWhenTheUsernameExists() {
		simulator.createUser("100202", "sda-platform");

		assertThat(withKey(mvc.post()
			.uri("/mis-sim/api/v1/schools/100202/users")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\": \"sda-platform\", \"displayName\": \"School Data Platform\"}")))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.isEqualTo("{\"error\": \"user_exists\"}");
		assertThat(simulator.userCount("100202")).isEqualTo(1);
	}

	@Test
	void findsUsersByUsername() {
		simulator.createUser("100203", "sda-platform");

		assertThat(withKey(mvc.get().uri("/mis-sim/api/v1/schools/100203/users?username=sda-platform")))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("[{\"id\": \"MISU-100203-1\", \"username\": \"sda-platform\"}]");
		assertThat(withKey(mvc.get().uri("/mis-sim/api/v1/schools/100203/users?username=someone-else")))
			.hasStatusOk()
			.bodyJson()
			.isEqualTo("[]");
	}

	@Test
	void answersNotFoundForAnUnknownUser() {
		assertThat(withKey(mvc.get().uri(SCHOOL + "/users/MISU-100201-99"))).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isEqualTo("{\"error\": \"not_found\"}");
	}

	@Test
	void answersNoContentWhenAddingAUserToAGroup() {
		String userId = simulator.createUser("100204", "sda-platform").orElseThrow().id();

		assertThat(withKey(mvc.put()
			.uri("/mis-sim/api/v1/schools/100204/users/{userId}/groups/{group}", userId, "Class Teacher")))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(simulator.user("100204", "sda-platform").orElseThrow().groups()).containsExactly("Class Teacher");
	}

	@Test
	void answersBadRequestForAnUnknownGroup() {
		String userId = simulator.createUser("100205", "sda-platform").orElseThrow().id();

		assertThat(withKey(mvc.put()
			.uri("/mis-sim/api/v1/schools/100205/users/{userId}/groups/{group}", userId, "Head Chef")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isEqualTo("{\"error\": \"unknown_group\"}");
	}

	@Test
	void answersUnauthorizedWithoutTheApiKey() {
		assertThat(mvc.get().uri(SCHOOL + "/staff")).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.isEqualTo("{\"error\": \"unauthorized\"}");
		assertThat(mvc.get().uri(SCHOOL + "/staff").header("X-API-Key", "wrong-key"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void answersNotFoundForAnUnknownSchoolAndForbiddenForAForbiddenOne() {
		assertThat(withKey(mvc.get().uri("/mis-sim/api/v1/schools/999999/staff"))).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isEqualTo("{\"error\": \"unknown_school\"}");
		assertThat(withKey(mvc.get().uri("/mis-sim/api/v1/schools/999998/staff"))).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.isEqualTo("{\"error\": \"forbidden\"}");
	}

	@Test
	void listsTheStudentsOfOneYear() {
		assertThat(withKey(mvc.get().uri(SCHOOL + "/students?year=11"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].yearGroup")
			.asArray()
			.isNotEmpty()
			.containsOnly(11);
	}

	@Test
	void answersServiceUnavailableWhileTold() {
		simulator.failWith(1.0);
		try {
			assertThat(withKey(mvc.get().uri(SCHOOL + "/groups"))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		}
		finally {
			simulator.reset();
		}
		assertThat(withKey(mvc.get().uri(SCHOOL + "/groups"))).hasStatusOk();
	}

	private static MockMvcRequestBuilder withKey(MockMvcRequestBuilder request) {
		return request.header("X-API-Key", "simulator-key");
	}
}
