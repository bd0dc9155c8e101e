package uk.schooldata.approvals.accessrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * The two-taps check as apps, administrators and auditors meet it: over HTTP, against the demo schools onboarded
 * through the real process (the MIS simulator over HTTP, the job executor running) and grants recorded by
 * {@link Grants}. Neither demo school uses SchoolBooking, so their MIS user is not a Cover Manager.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFlowCheckTests {

	static final String NORTH = "100001";
	static final String SOUTH = "100002";
	static final String APP = "demo-app";
	static final String OTHER_APP = "other-flow-app";
	static final Instant GRANTED_AT = Instant.parse("2025-09-01T08:30:00Z");

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	Grants grants;

	@Autowired
	Schools schools;

	@Autowired
	JdbcClient jdbc;

	String otherAppSecret;

	@BeforeAll
	void demoSchoolsOnboardedAndASecondApp() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(List.of(NORTH, SOUTH)).allSatisfy(urn -> assertThat(
					schools.findByUrn(urn).map(School::status)).contains(OnboardingStatus.ACTIVE)));

		ResponseEntity<String> registered = anonymous.withBasicAuth("demo", "demo")
			.postForEntity("/api/apps", Map.of("appId", OTHER_APP, "name", "Other Flow App", "contactEmail",
					"dev@other-flow.example", "webhookUrl", "https://other-flow.example/hooks"), String.class);
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		otherAppSecret = JsonPath.read(registered.getBody(), "$.secret");
	}

	@AfterEach
	void noGrants() {
		jdbc.sql("delete from scope_grant").update();
	}

	@Test
	void allowsTheFlowWhenBothTapsAreOpen() {
		granted(NORTH, APP, "students.basic");

		ResponseEntity<String> answer = asTheApp(NORTH, APP, "students.basic");

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(JsonPath.<Boolean>read(answer.getBody(), "$.allowed")).isTrue();
		assertThat(JsonPath.<Boolean>read(answer.getBody(), "$.misTap.open")).isTrue();
		assertThat(JsonPath.<List<String>>read(answer.getBody(), "$.misTap.missingGroups")).isEmpty();
		assertThat(JsonPath.<Boolean>read(answer.getBody(), "$.platformTap.open")).isTrue();
		assertThat(JsonPath.<String>read(answer.getBody(), "$.platformTap.grantedAt")).isEqualTo("2025-09-01T08:30:00Z");
	}

	@Test
	void keepsThePlatformTapClosedWithoutAGrant() {
		granted(NORTH, APP, "students.basic");
		granted(SOUTH, APP, "students.dob");
		granted(NORTH, OTHER_APP, "students.dob");

		String answer = asTheApp(NORTH, APP, "students.dob").getBody();

		assertThat(JsonPath.<Boolean>read(answer, "$.allowed")).isFalse();
		assertThat(JsonPath.<Boolean>read(answer, "$.misTap.open")).isTrue();
		assertThat(JsonPath.<Boolean>read(answer, "$.platformTap.open")).isFalse();
		assertThat(JsonPath.<Object>read(answer, "$.platformTap.grantedAt")).isNull();
	}

	@Test
	void closesThePlatformTapAgainOnceTheGrantIsRevoked() {
		granted(NORTH, APP, "students.upn");
		assertThat(JsonPath.<Boolean>read(asTheApp(NORTH, APP, "students.upn").getBody(), "$.allowed")).isTrue();

		grants.revoke(NORTH, APP, List.of("students.upn"), "admin@northfield.example", "No longer needed",
				GRANTED_AT.plus(Duration.ofDays(30)));

		String answer = asTheApp(NORTH, APP, "students.upn").getBody();
		assertThat(JsonPath.<Boolean>read(answer, "$.allowed")).isFalse();
		assertThat(JsonPath.<Boolean>read(answer, "$.platformTap.open")).isFalse();
		assertThat(JsonPath.<Object>read(answer, "$.platformTap.grantedAt")).isNull();
	}

	@Test
	void keepsTheMisTapClosedWhenTheSchoolsMisUserLacksAGroupTheScopeNeeds() {
		granted(NORTH, APP, "timetables.cover");

		String answer = asTheApp(NORTH, APP, "timetables.cover").getBody();

		assertThat(JsonPath.<Boolean>read(answer, "$.allowed")).isFalse();
		assertThat(JsonPath.<Boolean>read(answer, "$.misTap.open")).isFalse();
		assertThat(JsonPath.<List<String>>read(answer, "$.misTap.missingGroups")).containsExactly("Cover Manager");
		assertThat(JsonPath.<String>read(answer, "$.misTap.schoolStatus")).isEqualTo("ACTIVE");
		assertThat(JsonPath.<Boolean>read(answer, "$.platformTap.open")).isTrue();
	}

	@Test
	void listsEveryMissingGroupInCatalogueOrderAndKeepsTheMisTapClosedUntilTheSchoolIsActive() {
		String urn = "300001";
		aSchool(urn, OnboardingStatus.ONBOARDING, "Senior Management Team");
		granted(urn, APP, "timetables");

		String onboarding = asTheOperator(urn, APP, "timetables").getBody();
		assertThat(JsonPath.<Boolean>read(onboarding, "$.misTap.open")).isFalse();
		assertThat(JsonPath.<List<String>>read(onboarding, "$.misTap.missingGroups")).containsExactly("Class Teacher");

		aSchool(urn, OnboardingStatus.ONBOARDING, "Senior Management Team", "Class Teacher");
		String everyGroupButNotActive = asTheOperator(urn, APP, "timetables").getBody();
		assertThat(JsonPath.<Boolean>read(everyGroupButNotActive, "$.allowed")).isFalse();
		assertThat(JsonPath.<Boolean>read(everyGroupButNotActive, "$.misTap.open")).isFalse();
		assertThat(JsonPath.<List<String>>read(everyGroupButNotActive, "$.misTap.missingGroups")).isEmpty();
		assertThat(JsonPath.<String>read(everyGroupButNotActive, "$.misTap.schoolStatus")).isEqualTo("ONBOARDING");

		aSchool(urn, OnboardingStatus.ACTIVE, "Class Teacher", "Senior Management Team");
		assertThat(JsonPath.<Boolean>read(asTheOperator(urn, APP, "timetables").getBody(), "$.allowed")).isTrue();
	}

	@ParameterizedTest(name = "{0} may ask")
	@CsvSource({ "demo, demo", "auditor, auditor", "admin@northfield.example, northfield", "demo-app, demo-app-secret" })
	void answersTheAppItselfOperatorsAuditorsAndTheSchoolsOwnAdministrators(String user, String password) {
		granted(NORTH, APP, "students.basic");

		ResponseEntity<String> answer = anonymous.withBasicAuth(user, password)
			.getForEntity(dataFlow(NORTH, APP, "students.basic"), String.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<Boolean>read(answer.getBody(), "$.allowed")).isTrue();
	}

	@Test
	void forbidsAnAppToAskAboutAnotherApp() {
		granted(NORTH, APP, "students.basic");

		ResponseEntity<String> answer = anonymous.withBasicAuth(OTHER_APP, otherAppSecret)
			.getForEntity(dataFlow(NORTH, APP, "students.basic"), String.class);

		assertForbidden(answer);
		assertThat(anonymous.withBasicAuth(OTHER_APP, otherAppSecret)
			.getForEntity(dataFlow(NORTH, OTHER_APP, "students.basic"), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void forbidsAnotherSchoolsAdministrator() {
		granted(NORTH, APP, "students.basic");

		ResponseEntity<String> answer = anonymous.withBasicAuth("admin@southbank.example", "southbank")
			.getForEntity(dataFlow(NORTH, APP, "students.basic"), String.class);

		assertForbidden(answer);
	}

	@Test
	void refusesAnUnknownScopeNamingIt() {
		ResponseEntity<String> answer = asTheApp(NORTH, APP, "students.shoe_size");

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(answer.getBody(), "$.type"))
			.isEqualTo("https://schooldata.example/problems/unknown-scope");
		assertThat(JsonPath.<String>read(answer.getBody(), "$.detail")).contains("'students.shoe_size'");
	}

	@Test
	void refusesAMissingScope() {
		ResponseEntity<String> answer = anonymous.withBasicAuth(APP, "demo-app-secret")
			.getForEntity("/api/schools/" + NORTH + "/apps/" + APP + "/data-flow", String.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersNotFoundForASchoolOrAnAppThatIsNotRegistered() {
		ResponseEntity<String> noSchool = asTheApp("999997", APP, "students.basic");
		ResponseEntity<String> noApp = asTheOperator(NORTH, "no-such-app", "students.basic");

		assertThat(noSchool.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(JsonPath.<String>read(noSchool.getBody(), "$.type"))
			.isEqualTo("https://schooldata.example/problems/school-not-found");
		assertThat(noApp.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(JsonPath.<String>read(noApp.getBody(), "$.type"))
			.isEqualTo("https://schooldata.example/problems/app-not-found");
		assertThat(noApp.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private ResponseEntity<String> asTheApp(String urn, String appId, String scope) {
		return anonymous.withBasicAuth(APP, "demo-app-secret").getForEntity(dataFlow(urn, appId, scope), String.class);
	}

	private ResponseEntity<String> asTheOperator(String urn, String appId, String scope) {
		return anonymous.withBasicAuth("demo", "demo").getForEntity(dataFlow(urn, appId, scope), String.class);
	}

	private static String dataFlow(String urn, String appId, String scope) {
		return "/api/schools/" + urn + "/apps/" + appId + "/data-flow?scope=" + scope;
	}

	private static void assertForbidden(ResponseEntity<String> answer) {
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).doesNotContain("allowed");
	}

	/**
	 * A grant in force, recorded as the data access request process records it, from an approved request.
	 */
	void granted(String urn, String appId, String scope) {
		String requestId = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into access_request (id, app_id, school_urn, purpose, status, submitted_at, deadline, decided_at,
				  decided_by)
				values (:id, :appId, :urn, 'Homework set by class', 'APPROVED', :at, :at, :at, 'admin@test.example')
				""")
			.param("id", requestId)
			.param("appId", appId)
			.param("urn", urn)
			.param("at", Timestamp.from(GRANTED_AT))
			.update();
		grants.grant(urn, appId, scope, requestId, "admin@test.example", GRANTED_AT);
	}

	/**
	 * A school as onboarding leaves it, written directly: this status and these confirmed MIS groups.
	 */
	void aSchool(String urn, OnboardingStatus status, String... confirmedGroups) {
		jdbc.sql("delete from school_mis_group where urn = :urn").param("urn", urn).update();
		int updated = jdbc.sql("update school set status = :status where urn = :urn")
			.param("urn", urn)
			.param("status", status.name())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into school (urn, name, contact_email, uses_school_booking, status, registered_at) "
					+ "values (:urn, 'Test School', 'office@test.example', false, :status, :at)")
				.param("urn", urn)
				.param("status", status.name())
				.param("at", Timestamp.from(GRANTED_AT))
				.update();
		}
		for (String group : confirmedGroups) {
			jdbc.sql("insert into school_mis_group (urn, mis_group, confirmed_at) values (:urn, :group, :at)")
				.param("urn", urn)
				.param("group", group)
				.param("at", Timestamp.from(GRANTED_AT))
				.update();
		}
	}
}
