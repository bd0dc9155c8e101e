package uk.schooldata.approvals.mis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import uk.schooldata.approvals.TestPorts;
import uk.schooldata.approvals.mis.MisRefusedException.Reason;

class HttpMisConnectorTests {

	private static final String URN = "100001";

	private static final String API_KEY = "test-key";

	private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

	private static final String PLATFORM_USER = """
			{"id": "MISU-100001-1", "username": "sda-platform", "groups": ["Senior Management Team"]}
			""";

	@RegisterExtension
	static final WireMockExtension mis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final HttpMisConnector connector = connectorTo(mis.baseUrl());

	@Test
	void createsThePlatformUserWithTheApiKey() {
		mis.stubFor(post("/schools/100001/users").withHeader("X-API-Key", equalTo(API_KEY))
			.withRequestBody(equalToJson("""
					{"username": "sda-platform", "displayName": "School Data Platform"}
					"""))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("""
						{"id": "MISU-100001-1", "username": "sda-platform", "groups": []}
						""")));

		MisUser user = connector.createPlatformUser(URN, "sda-platform");

		assertThat(user).isEqualTo(new MisUser("MISU-100001-1", "sda-platform", Set.of()));
	}

	@Test
	void reusesTheExistingUserWhenTheMisSaysTheUsernameIsTaken() {
		mis.stubFor(post("/schools/100001/users").willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"user_exists\"}")));
		mis.stubFor(get(urlPathEqualTo("/schools/100001/users")).withQueryParam("username", equalTo("sda-platform"))
			.willReturn(okJson("[" + PLATFORM_USER + "]")));

		MisUser user = connector.createPlatformUser(URN, "sda-platform");

		assertThat(user.id()).isEqualTo("MISU-100001-1");
		assertThat(user.isIn(MisPermissionGroup.SENIOR_MANAGEMENT_TEAM)).isTrue();
		mis.verify(1, postRequestedFor(urlPathEqualTo("/schools/100001/users")));
		mis.verify(1, getRequestedFor(urlPathEqualTo("/schools/100001/users")));
	}

	@Test
	void failsWhenTheMisSaysTheUsernameIsTakenButDoesNotFindTheUser() {
		mis.stubFor(post("/schools/100001/users").willReturn(aResponse().withStatus(409)));
		mis.stubFor(get(urlPathEqualTo("/schools/100001/users")).willReturn(okJson("[]")));

		assertThatExceptionOfType(MisUnavailableException.class)
			.isThrownBy(() -> connector.createPlatformUser(URN, "sda-platform"))
			.withMessageContaining("does not find it");
	}

	@Test
	void addsTheUserToAPermissionGroupByTheGroupsMisName() {
		String path = "/schools/100001/users/MISU-100001-1/groups/Senior%20Management%20Team";
		mis.stubFor(put(path).withHeader("X-API-Key", equalTo(API_KEY)).willReturn(aResponse().withStatus(204)));

		connector.addUserToGroup(URN, "MISU-100001-1", MisPermissionGroup.SENIOR_MANAGEMENT_TEAM);

		mis.verify(1, putRequestedFor(urlPathEqualTo(path)));
	}

	@Test
	void readsAUserWithItsGroups() {
		mis.stubFor(get("/schools/100001/users/MISU-100001-1").willReturn(okJson(PLATFORM_USER)));

		MisUser user = connector.readUser(URN, "MISU-100001-1");

		assertThat(user).isEqualTo(new MisUser("MISU-100001-1", "sda-platform", Set.of("Senior Management Team")));
	}

	@Test
	void listsStaffWithAndWithoutEmail() {
		mis.stubFor(get("/schools/100001/staff").willReturn(okJson("""
				[{"id": "STF-1", "forename": "Sarah", "surname": "Smith", "email": "s.smith@100001.school.example",
				  "jobTitle": "Headteacher"},
				 {"id": "STF-2", "forename": "Paul", "surname": "Jones", "email": null, "jobTitle": "Site Manager"}]
				""")));

		assertThat(connector.listStaff(URN)).containsExactly(
				new StaffMember("STF-1", "Sarah", "Smith", "s.smith@100001.school.example", "Headteacher"),
				new StaffMember("STF-2", "Paul", "Jones", null, "Site Manager"));
	}

	@Test
	void listsTheStudentsOfOneYearAndRegistrationGroup() {
		mis.stubFor(get(urlPathEqualTo("/schools/100001/students")).withQueryParam("year", equalTo("7"))
			.withQueryParam("registrationGroup", equalTo("7A"))
			.willReturn(okJson("""
					[{"id": "STU-1", "forename": "Amelia", "surname": "Patel", "yearGroup": 7,
					  "registrationGroup": "7A", "email": null}]
					""")));

		assertThat(connector.listStudents(URN, new StudentFilter(7, "7A")))
			.containsExactly(new Student("STU-1", "Amelia", "Patel", 7, "7A", null));
	}

	@Test
	void listsAllStudentsWithoutQueryParameters() {
		mis.stubFor(get("/schools/100001/students").willReturn(okJson("[]")));

		assertThat(connector.listStudents(URN, StudentFilter.all())).isEmpty();
	}

	@Test
	void listsContactsWithTheirParentalResponsibilityAndCourtOrders() {
		mis.stubFor(get("/schools/100001/contacts").willReturn(okJson("""
				[{"id": "CON-1", "forename": "Claire", "surname": "Patel", "email": "claire.patel@example.com",
				  "relationship": "Mother", "parentalResponsibility": true, "courtOrder": false,
				  "studentIds": ["STU-1", "STU-7"]},
				 {"id": "CON-2", "forename": "Mark", "surname": "Patel", "email": null, "relationship": "Father",
				  "parentalResponsibility": true, "courtOrder": true, "studentIds": ["STU-1"]}]
				""")));

		assertThat(connector.listContacts(URN)).containsExactly(
				new Contact("CON-1", "Claire", "Patel", "claire.patel@example.com", "Mother", true, false,
						List.of("STU-1", "STU-7")),
				new Contact("CON-2", "Mark", "Patel", null, "Father", true, true, List.of("STU-1")));
	}

	@Test
	void listsYearAndRegistrationGroups() {
		mis.stubFor(get("/schools/100001/groups").willReturn(okJson("""
				[{"id": "Y7", "name": "Year 7", "type": "YEAR_GROUP", "yearGroup": 7, "memberCount": 180},
				 {"id": "7A", "name": "7A", "type": "REGISTRATION_GROUP", "yearGroup": 7, "memberCount": 30}]
				""")));

		assertThat(connector.listGroups(URN)).containsExactly(
				new MisGroup("Y7", "Year 7", MisGroup.Type.YEAR_GROUP, 7, 180),
				new MisGroup("7A", "7A", MisGroup.Type.REGISTRATION_GROUP, 7, 30));
	}

	@Test
	void ignoresFieldsItDoesNotKnowEvenWithAStrictObjectMapper() {
		RestClient.Builder strict = RestClient.builder()
			.messageConverters(converters -> converters.add(0, new MappingJackson2HttpMessageConverter(new ObjectMapper())));
		HttpMisConnector connector = new HttpMisConnector(properties(mis.baseUrl()), strict, new MockEnvironment(),
				new SimpleMeterRegistry());
		mis.stubFor(get("/schools/100001/users/MISU-100001-1").willReturn(okJson("""
				{"id": "MISU-100001-1", "username": "sda-platform", "groups": [], "createdAt": "2025-09-01T08:00:00Z"}
				""")));

		assertThat(connector.readUser(URN, "MISU-100001-1").id()).isEqualTo("MISU-100001-1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 429, 400 })
	void reportsAnErrorAnswerAsUnavailable(int status) {
		mis.stubFor(get("/schools/100001/staff").willReturn(aResponse().withStatus(status)));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessage("The MIS answered " + status + " when asked to list staff at school 100001")
			.withCauseInstanceOf(RestClientResponseException.class);
	}

	@Test
	void reportsARejectedApiKeyAsUnavailable() {
		mis.stubFor(get("/schools/100001/staff").willReturn(aResponse().withStatus(401)));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("app.mis.api-key")
			.withCauseInstanceOf(RestClientResponseException.class);
	}

	@Test
	void reportsATimeoutAsUnavailable() {
		mis.stubFor(get("/schools/100001/staff").willReturn(okJson("[]").withFixedDelay(3 * (int) READ_TIMEOUT.toMillis())));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("did not answer");
	}

	@Test
	void reportsARefusedConnectionAsUnavailable() throws IOException {
		HttpMisConnector connector = connectorTo("http://localhost:" + TestPorts.free());

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("did not answer");
	}

	@Test
	void reportsAMalformedAnswerAsUnavailable() {
		mis.stubFor(get("/schools/100001/staff").willReturn(okJson("[{\"id\": \"STF-1\", ")));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("could not be read");
	}

	@Test
	void reportsAnAnswerWithoutABodyAsUnavailable() {
		mis.stubFor(get("/schools/100001/users/MISU-100001-1").willReturn(aResponse().withStatus(200)));

		assertThatExceptionOfType(MisUnavailableException.class)
			.isThrownBy(() -> connector.readUser(URN, "MISU-100001-1"))
			.withMessageContaining("without a body");
	}

	@Test
	void readsOnePersonOfEachSourceGroupByTheirId() {
		mis.stubFor(get("/schools/100001/staff/STF-1").willReturn(okJson("""
				{"id": "STF-1", "forename": "Sarah", "surname": "Smith", "email": "s.smith@100001.school.example",
				 "jobTitle": "Headteacher"}
				""")));
		mis.stubFor(get("/schools/100001/students/STU-7").willReturn(okJson("""
				{"id": "STU-7", "forename": "Amy", "surname": "Khan", "email": null, "yearGroup": 7,
				 "registrationGroup": "7A", "upn": "A123456789012"}
				""")));
		mis.stubFor(get("/schools/100001/contacts/CON-9").willReturn(okJson("""
				{"id": "CON-9", "forename": "Rita", "surname": "Khan", "email": "rita@example.com",
				 "parentalResponsibility": true, "courtOrder": false, "studentIds": ["STU-7"]}
				""")));

		assertThat(connector.findStaffMember(URN, "STF-1")).contains(
				new StaffMember("STF-1", "Sarah", "Smith", "s.smith@100001.school.example", "Headteacher"));
		assertThat(connector.findStudent(URN, "STU-7")).get().extracting(Student::registrationGroup).isEqualTo("7A");
		assertThat(connector.findContact(URN, "CON-9")).get().extracting(Contact::studentIds).isEqualTo(List.of("STU-7"));
		mis.verify(0, getRequestedFor(urlPathEqualTo("/schools/100001/staff")));
	}

	@Test
	void aPersonTheMisDoesNotHaveIsEmptyButAnUnknownSchoolIsARefusal() {
		mis.stubFor(get("/schools/100001/staff/STF-404").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"not_found\"}")));
		mis.stubFor(get("/schools/100001/contacts/CON-1").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"unknown_school\"}")));
		mis.stubFor(get("/schools/100001/students/STU-1").willReturn(aResponse().withStatus(503)));

		assertThat(connector.findStaffMember(URN, "STF-404")).isEmpty();
		assertThatExceptionOfType(MisRefusedException.class).isThrownBy(() -> connector.findContact(URN, "CON-1"))
			.satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(Reason.UNKNOWN_SCHOOL));
		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.findStudent(URN, "STU-1"))
			.withMessageContaining("503");
	}

	@Test
	void refusesWhenTheMisDoesNotKnowTheSchool() {
		mis.stubFor(get("/schools/100001/staff").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"unknown_school\"}")));

		assertThatExceptionOfType(MisRefusedException.class).isThrownBy(() -> connector.listStaff(URN))
			.satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(Reason.UNKNOWN_SCHOOL));
	}

	@Test
	void reportsANotFoundThatIsNotAboutTheSchoolAsUnavailable() {
		mis.stubFor(get("/schools/100001/staff").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Not Found</body></html>")));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("404");
	}

	@Test
	void refusesWhenTheMisForbidsAccessToTheSchool() {
		mis.stubFor(post("/schools/100001/users").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"forbidden\"}")));

		assertThatExceptionOfType(MisRefusedException.class)
			.isThrownBy(() -> connector.createPlatformUser(URN, "sda-platform"))
			.satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(Reason.FORBIDDEN));
	}

	@Test
	void callsTheSimulatorOnThisServersPortWhenNoBaseUrlIsSet() {
		MockEnvironment environment = new MockEnvironment();
		HttpMisConnector connector = new HttpMisConnector(simulatorProperties(), RestClient.builder(), environment,
				new SimpleMeterRegistry());
		mis.stubFor(get("/mis-sim/api/v1/schools/100001/staff").willReturn(okJson("[]")));

		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> connector.listStaff(URN))
			.withMessageContaining("has not started");

		environment.setProperty("local.server.port", String.valueOf(mis.getPort()));
		assertThat(connector.listStaff(URN)).isEmpty();
	}

	@Test
	void measuresEveryCallByOperationAndOutcome() throws IOException {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		HttpMisConnector measured = new HttpMisConnector(properties(mis.baseUrl()), RestClient.builder(),
				new MockEnvironment(), meters);
		mis.stubFor(get("/schools/100001/staff").willReturn(okJson("[]")));
		mis.stubFor(get("/schools/100001/groups").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"forbidden\"}")));
		HttpMisConnector unreachable = new HttpMisConnector(properties("http://localhost:" + TestPorts.free()),
				RestClient.builder(), new MockEnvironment(), meters);

		measured.listStaff(URN);
		assertThatExceptionOfType(MisRefusedException.class).isThrownBy(() -> measured.listGroups(URN));
		assertThatExceptionOfType(MisUnavailableException.class).isThrownBy(() -> unreachable.listStaff(URN));

		assertThat(meters.get("sda.mis.calls").tags("operation", "list_staff", "outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(meters.get("sda.mis.calls").tags("operation", "list_groups", "outcome", "refused").timer().count())
			.isEqualTo(1);
		assertThat(meters.get("sda.mis.calls").tags("operation", "list_staff", "outcome", "unavailable").timer()
			.count()).isEqualTo(1);
	}

	@Test
	void healthIsUpWhileTheMisAnswersAndDownWhenItDoesNotOrFails() throws IOException {
		mis.stubFor(get("/").willReturn(aResponse().withStatus(404)));
		assertThat(new MisHealthIndicator(connector).health().getStatus()).isEqualTo(Status.UP);

		mis.stubFor(get("/").willReturn(aResponse().withStatus(503)));
		Health failing = new MisHealthIndicator(connector).health();
		assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
		assertThat(failing.getDetails().get("problem")).asString().contains("503");

		Health away = new MisHealthIndicator(connectorTo("http://localhost:" + TestPorts.free())).health();
		assertThat(away.getStatus()).isEqualTo(Status.DOWN);
		assertThat(away.getDetails().get("problem")).asString().contains("did not answer");
	}

	private static HttpMisConnector connectorTo(String baseUrl) {
		return new HttpMisConnector(properties(baseUrl), RestClient.builder(), new MockEnvironment(),
				new SimpleMeterRegistry());
	}

	private static MisProperties properties(String baseUrl) {
		return new MisProperties(baseUrl, API_KEY, Duration.ofSeconds(1), READ_TIMEOUT, "sda-platform",
				new MisProperties.Simulator(false, 0.0, Duration.ZERO, List.of(), List.of()));
	}

	private static MisProperties simulatorProperties() {
		return new MisProperties("", API_KEY, Duration.ofSeconds(1), READ_TIMEOUT, "sda-platform",
				new MisProperties.Simulator(true, 0.0, Duration.ZERO, List.of(), List.of()));
	}
}
