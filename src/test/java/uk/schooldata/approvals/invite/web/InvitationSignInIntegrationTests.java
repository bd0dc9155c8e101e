package uk.schooldata.approvals.invite.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.invite.signin.simulator.SignInSimulator;
import uk.schooldata.approvals.invite.web.InviteeSession.Json;
import uk.schooldata.approvals.invite.web.InviteeSession.Page;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.StaffMember;

/**
 * An invitee accepts for real: the link from the email GreenMail received, the invitation's page, the provider's
 * sign-in at its simulator (a real OAuth 2.0 / OpenID Connect server), the confirmation, and the account the
 * provider vouched for linked to the invite. Every hop is a real HTTP request between this application and the
 * simulator, as a browser makes them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class InvitationSignInIntegrationTests {

	static final String NORTH = DemoSchools.NORTH;

	static final String ADMIN = "admin@northfield.example";

	static final String PASSWORD = "northfield";

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	MisConnector mis;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SignInSimulator simulator;

	/** A member of staff with an email address, a different one for each test. */
	static int nextStaff = 0;

	@BeforeEach
	void demoSchoolOnboarded() {
		DemoSchools.awaitActive(http, NORTH);
	}

	@Test
	void aTeacherOpensTheLinkSignsInWithGoogleConfirmsAndTheSchoolIsAskedForPermissions(CapturedOutput output)
			throws Exception {
		StaffMember teacher = invitedStaff();
		String link = linkFor(teacher);
		String token = link.substring(link.lastIndexOf('/') + 1);
		InviteeSession browser = new InviteeSession(port);

		// The link names port 0 in tests (server.port); its path is what matters.
		Page invitation = browser.open(URI.create(link).getPath());

		assertThat(invitation.status()).isEqualTo(200);
		assertThat(invitation.path()).as("the token moved into the session").isEqualTo("/invitation");
		assertThat(invitation.body()).contains("Northfield Academy").contains(teacher.forename())
			.contains("Sign in with").contains("/oauth2/authorization/google").doesNotContain(token);
		assertThat(browser.visited()).filteredOn(address -> address.toString().contains(token)).hasSize(1);

		Page confirmation = browser.signInWith("google", teacher.email(),
				Json.google(teacher.email(), teacher.forename() + " " + teacher.surname()));

		assertThat(confirmation.path()).isEqualTo("/invitation/confirm");
		assertThat(confirmation.body()).contains("You are signed in to <span>Google</span>")
			.contains(teacher.email())
			.contains("Yes, link this account")
			.doesNotContain("email-differs");
		assertThat(browser.visited()).as("through the provider's own server")
			.anySatisfy(address -> assertThat(address.toString()).startsWith(simulator.issuer("google")));

		Page done = browser.submit(confirmation, "/invitation/confirm");

		assertThat(done.path()).isEqualTo("/invitation/done");
		assertThat(done.body()).contains("Your account is linked").contains("An administrator at")
			.contains("will now").contains("permissions");
		Map<String, Object> invite = inviteOf(teacher);
		assertThat(invite).containsEntry("status", "ACCEPTED").containsEntry("external_provider", "GOOGLE")
			.containsEntry("external_subject", teacher.email()).containsEntry("external_email", teacher.email());
		await().atMost(Duration.ofSeconds(10)).until(() -> assignPermissionsTasks((String) invite.get("id")) == 1);
		assertThat(output.getAll()).doesNotContain(token);
	}

	private StaffMember invitedStaff() {
		StaffMember member = mis.listStaff(NORTH).stream().filter(staff -> staff.email() != null).toList()
			.get(nextStaff++);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> invited = http.withBasicAuth(ADMIN, PASSWORD).exchange("/api/schools/" + NORTH
				+ "/invites", HttpMethod.POST, new HttpEntity<>(Map.of("sourceGroup", "STAFF", "personIds",
						List.of(member.id())), headers), String.class);
		assertThat(invited.getStatusCode()).as(invited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return member;
	}

	private String linkFor(StaffMember member) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> InvitationEmails.linkSentTo(smtp, member.email()),
				found -> found != null);
	}

	private Map<String, Object> inviteOf(StaffMember member) {
		return jdbc.sql("select * from invite where school_urn = :urn and mis_person_id = :person")
			.param("urn", NORTH).param("person", member.id())
			.query().singleRow();
	}

	private long assignPermissionsTasks(String inviteId) {
		return JsonPath.<List<Object>>read(http.withBasicAuth(ADMIN, PASSWORD).getForEntity(
				"/engine-rest/task?processInstanceBusinessKey=" + inviteId + "&taskDefinitionKey=Task_AssignPermissions",
				String.class).getBody(), "$").size();
	}
}
