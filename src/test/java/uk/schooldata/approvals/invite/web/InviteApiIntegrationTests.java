package uk.schooldata.approvals.invite.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import uk.schooldata.approvals.invite.web.InviteeSession.Json;
import uk.schooldata.approvals.invite.web.InviteeSession.Page;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.StaffMember;

/**
 * Invitations as schools and invitees meet them, over HTTP with the job executor on: the demo school's administrator
 * invites a member of staff, the invitation arrives (GreenMail), the invitee opens its link and signs in with a
 * provider (its simulator), the administrator assigns permissions through Camunda's REST API as Tasklist does, and the
 * invite is {@code ACTIVE}. Also the refusals: another school's administrator, bad tokens, an account linked twice, the old self-asserted acceptance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class InviteApiIntegrationTests {

	static final String NORTH = "100001";

	static final String ADMIN = "admin@northfield.example";

	static final String PASSWORD = "northfield";

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		TestMailServer.use(smtp, registry);
	}

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Autowired
	MisConnector mis;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void demoSchoolOnboarded() {
		DemoSchools.awaitActive(http, NORTH);
	}

	@Test
	void fromInvitationThroughAcceptanceAndPermissionsToActive() {
		StaffMember teacher = staffWithEmail(0);
		ResponseEntity<String> invited = call(ADMIN, PASSWORD, HttpMethod.POST, "/api/schools/" + NORTH + "/invites",
				Map.of("sourceGroup", "STAFF", "personIds", List.of(teacher.id(), "STF-NOBODY")));
		assertThat(invited.getStatusCode()).as(invited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		String batchId = JsonPath.read(invited.getBody(), "$.id");
		assertThat(invited.getHeaders().getLocation()).hasPath("/api/invite-batches/" + batchId);
		assertThat(invited.getHeaders().getLocation().isAbsolute()).as("every Location is absolute").isTrue();
		assertThat(JsonPath.<Integer>read(invited.getBody(), "$.invited")).isOne();
		assertThat(JsonPath.<List<String>>read(invited.getBody(), "$.skipped[*].reason"))
			.containsExactly("UNKNOWN_PERSON");

		String token = await().atMost(Duration.ofSeconds(30)).until(() -> tokenSentTo(teacher.email()),
				found -> found != null);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(JsonPath.<Integer>read(
					get(ADMIN, PASSWORD, "/api/invite-batches/" + batchId).getBody(), "$.progress.SENT")).isOne());
		String inviteId = inviteIdOf(teacher.id());

		assertThat(accept(token, "MICROSOFT", "ms-" + inviteId)).isEqualTo(HttpStatus.OK);
		String accepted = get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody();
		assertThat(JsonPath.<String>read(accepted, "$.status")).isEqualTo("ACCEPTED");
		assertThat(JsonPath.<String>read(accepted, "$.externalProvider")).isEqualTo("MICROSOFT");
		assertThat(JsonPath.<List<String>>read(accepted, "$.permissions")).isEmpty();

		String task = await().atMost(Duration.ofSeconds(10)).until(() -> assignPermissionsTaskOf(inviteId),
				found -> found != null);
		assertThat(call(ADMIN, PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
				Map.of("userId", ADMIN)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<String> refused = call(ADMIN, PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
				Map.of("variables", Map.of("permissions", Map.of("value", "[\"PARENT\"]", "type", "Json"))));
		assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(call(ADMIN, PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
				Map.of("variables", Map.of("permissions", Map.of("value", "[\"REVIEWER\",\"CHOICES\"]", "type", "Json"))))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		String invite = get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody();
		assertThat(JsonPath.<String>read(invite, "$.status")).isEqualTo("ACTIVE");
		assertThat(JsonPath.<List<String>>read(invite, "$.permissions")).containsExactly("REVIEWER", "CHOICES");
		assertThat(invite).doesNotContain(token);
		assertThat(accept(token, "GOOGLE", "g-again")).isEqualTo(HttpStatus.GONE);
	}

	@Test
	void theOldSelfAssertedAcceptanceIsGoneAndNoTokenReachesTheLog(CapturedOutput output) throws Exception {
		StaffMember member = staffWithEmail(5);
		inviteStaff(member.id());
		String token = await().atMost(Duration.ofSeconds(30)).until(() -> tokenSentTo(member.email()),
				found -> found != null);
		String inviteId = inviteIdOf(member.id());

		ResponseEntity<String> selfAsserted = http.exchange("/api/invitations/" + token + "/accept", HttpMethod.POST,
				new HttpEntity<>(Map.of("provider", "GOOGLE", "externalSubject", "anyone", "externalEmail",
						"anyone@example.com"), jsonHeaders()), String.class);
		assertThat(selfAsserted.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(selfAsserted.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(selfAsserted.getBody(), "$.detail")).contains("open the link in the invitation");
		assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody(), "$.status"))
			.as("nothing linked").isEqualTo("SENT");
		HttpResponse<String> oldLink = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/api/invitations/" + token + "/accept")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(oldLink.statusCode()).as("a link from an email sent before").isEqualTo(303);
		assertThat(oldLink.headers().firstValue("Location")).hasValue("/invitations/" + token);

		assertThat(accept(token, "GOOGLE", "g-5")).isEqualTo(HttpStatus.OK);
		assertThat(accept(token, "GOOGLE", "g-5")).isEqualTo(HttpStatus.GONE);

		assertThat(output.getAll()).contains("/api/invitations/{token}/accept").doesNotContain(token);
	}

	@Test
	void refusesBadTokensAndLinkingAnAccountTwice() {
		assertThat(accept("a".repeat(43), "GOOGLE", "g-1")).isEqualTo(HttpStatus.NOT_FOUND);

		StaffMember first = staffWithEmail(1);
		StaffMember second = staffWithEmail(2);
		inviteStaff(first.id());
		inviteStaff(second.id());
		String firstToken = await().atMost(Duration.ofSeconds(30)).until(() -> tokenSentTo(first.email()),
				found -> found != null);
		String secondToken = await().atMost(Duration.ofSeconds(30)).until(() -> tokenSentTo(second.email()),
				found -> found != null);
		assertThat(accept(firstToken, "FACEBOOK", "fb-shared")).isEqualTo(HttpStatus.OK);
		assertThat(accept(secondToken, "FACEBOOK", "fb-shared")).isEqualTo(HttpStatus.CONFLICT);
		assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteIdOf(second.id())).getBody(),
				"$.status")).as("still waiting for its own account").isEqualTo("SENT");
		assertThat(accept(secondToken, "OFFICE_365", "o365-own")).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteIdOf(second.id())).getBody(),
				"$.externalProvider")).isEqualTo("OFFICE_365");
	}

	@Test
	void cancellingAndReinvitingOverHttp() {
		StaffMember member = staffWithEmail(3);
		inviteStaff(member.id());
		String oldToken = await().atMost(Duration.ofSeconds(30)).until(() -> tokenSentTo(member.email()),
				found -> found != null);
		String inviteId = inviteIdOf(member.id());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody(),
					"$.status")).isEqualTo("SENT"));

		ResponseEntity<String> reinvited = call(ADMIN, PASSWORD, HttpMethod.POST, "/api/invites/" + inviteId + "/reinvite",
				null);
		assertThat(reinvited.getStatusCode()).as(reinvited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(accept(oldToken, "TWITTER", "tw-old")).isEqualTo(HttpStatus.GONE);
		String newToken = await().atMost(Duration.ofSeconds(30))
			.until(() -> tokenSentTo(member.email()), found -> found != null && !found.equals(oldToken));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody(),
					"$.status")).isEqualTo("SENT"));

		ResponseEntity<String> cancelled = call(ADMIN, PASSWORD, HttpMethod.DELETE, "/api/invites/" + inviteId, null);
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<String>read(cancelled.getBody(), "$.status")).isEqualTo("CANCELLED");
		assertThat(accept(newToken, "TWITTER", "tw-new")).isEqualTo(HttpStatus.GONE);
		ResponseEntity<String> bulk = call(ADMIN, PASSWORD, HttpMethod.POST,
				"/api/schools/" + NORTH + "/invites/reinvite-expired", null);
		assertThat(bulk.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(JsonPath.<Integer>read(bulk.getBody(), "$.reinvited")).isZero();
	}

	@Test
	void anotherSchoolsAdministratorAndStrangersAreRefused() {
		String south = "admin@southbank.example";
		String southPassword = "southbank";
		StaffMember member = staffWithEmail(4);
		inviteStaff(member.id());
		String inviteId = inviteIdOf(member.id());

		assertThat(call(south, southPassword, HttpMethod.POST, "/api/schools/" + NORTH + "/invites",
				Map.of("sourceGroup", "STAFF", "personIds", List.of(member.id()))).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get(south, southPassword, "/api/schools/" + NORTH + "/invites").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		// Another school's invite answers as a missing one: its existence is not told.
		assertThat(get(south, southPassword, "/api/invites/" + inviteId).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get(south, southPassword, "/api/invites/no-such-invite").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(call(south, southPassword, HttpMethod.DELETE, "/api/invites/" + inviteId, null).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(call(south, southPassword, HttpMethod.POST, "/api/invites/" + inviteId + "/reinvite", null)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(JsonPath.<String>read(get(ADMIN, PASSWORD, "/api/invites/" + inviteId).getBody(), "$.status"))
			.isIn("PENDING", "SENT");
		assertThat(http.getForEntity("/api/schools/" + NORTH + "/invites", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http.exchange("/api/invites/" + inviteId, HttpMethod.DELETE, null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http.exchange("/api/invitations/" + "a".repeat(43), HttpMethod.POST, null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		ResponseEntity<String> staffByGroup = call(ADMIN, PASSWORD, HttpMethod.POST, "/api/schools/" + NORTH + "/invites",
				Map.of("sourceGroup", "STAFF", "groupIds", List.of("7A")));
		assertThat(staffByGroup.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<List<String>>read(staffByGroup.getBody(), "$.errors[*].field")).contains("groupIds");
	}

	private StaffMember staffWithEmail(int index) {
		return mis.listStaff(NORTH).stream().filter(staff -> staff.email() != null).toList().get(index);
	}

	private void inviteStaff(String personId) {
		ResponseEntity<String> invited = call(ADMIN, PASSWORD, HttpMethod.POST, "/api/schools/" + NORTH + "/invites",
				Map.of("sourceGroup", "STAFF", "personIds", List.of(personId)));
		assertThat(invited.getStatusCode()).as(invited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(JsonPath.<Integer>read(invited.getBody(), "$.invited")).as(invited.getBody()).isOne();
	}

	private String inviteIdOf(String personId) {
		return JsonPath.<List<String>>read(get(ADMIN, PASSWORD, "/api/schools/" + NORTH + "/invites?sourceGroup=STAFF")
			.getBody(), "$[?(@.misPersonId == '" + personId + "')].id").get(0);
	}

	private String assignPermissionsTaskOf(String inviteId) {
		List<String> ids = JsonPath.read(get(ADMIN, PASSWORD,
				"/engine-rest/task?processInstanceBusinessKey=" + inviteId + "&taskDefinitionKey=Task_AssignPermissions")
			.getBody(), "$[*].id");
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * Accepts as the invitee does: the link, the provider's sign-in at its simulator with an account whose id the
	 * provider gives as {@code subject}, and the confirmation.
	 *
	 * @return the status of the page it ends on: {@code 200} linked, {@code 410} the link no longer works,
	 * {@code 409} the account belongs to someone else
	 */
	private HttpStatus accept(String token, String provider, String subject) {
		InviteeSession browser = new InviteeSession(port);
		Page invitation = browser.open("/invitations/" + token);
		if (invitation.status() != 200) {
			return HttpStatus.valueOf(invitation.status());
		}
		String email = subject + "@example.com";
		Page confirmation = switch (provider) {
			case "GOOGLE" -> browser.signInWith("google", subject, Json.google(email, "Sam Jones"));
			case "MICROSOFT" -> browser.signInWith("microsoft", subject,
					Json.microsoft(email, "Sam Jones", "9188040d-6c67-4c5b-b112-36a304b66dad"));
			case "OFFICE_365" -> browser.signInWith("microsoft", subject,
					Json.microsoft(email, "Sam Jones", "tenant-of-example.com"));
			case "FACEBOOK" -> browser.signInWith("facebook", email, Json.facebook(subject, email, "Sam Jones"));
			case "TWITTER" -> browser.signInWith("twitter", "samjones", Json.twitter(subject, "Sam Jones", "samjones"));
			default -> throw new IllegalArgumentException(provider);
		};
		if (confirmation.status() != 200) {
			return HttpStatus.valueOf(confirmation.status());
		}
		Page done = browser.submit(confirmation, "/invitation/confirm");
		return HttpStatus.valueOf(done.status());
	}

	/**
	 * The token in the newest email to the address, once it is on record; {@code null} before.
	 */
	private String tokenSentTo(String address) throws Exception {
		String token = InvitationEmails.tokenSentTo(smtp, address);
		return token != null && InvitationEmails.isIssued(jdbc, token) ? token : null;
	}

	private ResponseEntity<String> get(String user, String password, String path) {
		return http.withBasicAuth(user, password).getForEntity(path, String.class);
	}

	private ResponseEntity<String> call(String user, String password, HttpMethod method, String path, Object body) {
		return http.withBasicAuth(user, password).exchange(path, method, new HttpEntity<>(body, jsonHeaders()),
				String.class);
	}

	private static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}
}
