package uk.schooldata.approvals.invite.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
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

import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.invite.UserInviteProcess;
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
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.demo.enabled=true", "app.invite.sign-in.email-must-match-schools=100002" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class InvitationSignInIntegrationTests {

	static final String NORTH = DemoSchools.NORTH;

	/** Insists on the invitation's address (email-must-match-schools). */
	static final String SOUTH = DemoSchools.SOUTH;

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

	@Autowired
	ManagementService managementService;

	/** A member of staff with an email address, a different one for each test. */
	static int nextStaff = 0;

	@BeforeEach
	void demoSchoolsOnboarded() {
		DemoSchools.awaitActive(http, NORTH, SOUTH);
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

	@Test
	void noPageLeaksTheTokenAndNoneLoadsAnythingFromElsewhere() throws Exception {
		StaffMember teacher = invitedStaff();
		InviteeSession browser = new InviteeSession(port);

		Page invitation = browser.open(URI.create(linkFor(teacher)).getPath());

		assertThat(invitation.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(invitation.header("Content-Security-Policy")).contains("default-src 'self'")
			.contains("form-action 'self'");
		assertThat(invitation.header("Cache-Control")).contains("no-store");
		assertThat(invitation.body()).doesNotContain("http://").doesNotContain("https://");
	}

	@Test
	void anAccountWithAnotherAddressIsLinkedOnlyAfterTheInviteeIsToldAndAnXAccountSaysItGivesNone() {
		StaffMember teacher = invitedStaff();
		InviteeSession browser = openInvitation(teacher);

		Page google = browser.signInWith("google", "someone.else@gmail.example",
				Json.google("someone.else@gmail.example", "Someone Else"));

		assertThat(google.body()).contains("id=\"email-differs\"");
		assertThat(google.text()).contains("This is not the email address the invitation was sent to")
			.contains("Yes, link this account");

		browser.submit(google, "/invitation/switch");
		Page twitter = browser.signInWith("twitter", "jsmith", Json.twitter("1480000001", "J Smith", "jsmith"));
		assertThat(twitter.text()).contains("You are signed in to <span>X (Twitter)</span>").contains("@jsmith")
			.contains("does not tell us").contains("Yes, link this account");
		assertThat(browser.submit(twitter, "/invitation/confirm").path()).isEqualTo("/invitation/done");
		assertThat(inviteOf(teacher)).containsEntry("external_provider", "TWITTER")
			.containsEntry("external_subject", "1480000001");
		assertThat(inviteOf(teacher).get("external_email")).isNull();
	}

	@Test
	void aSchoolThatInsistsOnTheInvitationsAddressRefusesAnotherAccountAndLinksNothing() {
		StaffMember member = invitedSouthbankStaff();
		InviteeSession browser = new InviteeSession(port);
		browser.open(URI.create(linkForAddress(member.email())).getPath());

		Page other = browser.signInWith("google", "someone.else@gmail.example",
				Json.google("someone.else@gmail.example", "Someone Else"));

		assertThat(other.status()).isEqualTo(200);
		assertThat(other.text()).contains("only accepts the account with the email address")
			.doesNotContain("Yes, link this account").contains("Use a different account");
		Page forced = browser.submit(other, "/invitation/confirm");
		assertThat(forced.status()).isEqualTo(409);
		assertThat(southbankInviteOf(member)).containsEntry("status", "SENT").containsEntry("external_subject", null);

		browser.submit(forced, "/invitation/switch");
		Page own = browser.signInWith("google", member.email(), Json.google(member.email(), member.surname()));
		assertThat(browser.submit(own, "/invitation/confirm").path()).isEqualTo("/invitation/done");
		assertThat(southbankInviteOf(member)).containsEntry("status", "ACCEPTED");
	}

	@Test
	void eachEndedLinkGetsAPageThatSaysWhatHappenedWithTheRightStatus() throws Exception {
		assertEnded(new InviteeSession(port).open("/invitations/" + "x".repeat(43)), 404,
				"We cannot find this invitation");

		StaffMember used = invitedStaff();
		String usedLink = URI.create(linkFor(used)).getPath();
		InviteeSession first = new InviteeSession(port);
		first.open(usedLink);
		first.submit(first.signInWith("google", used.email(), Json.google(used.email(), used.surname())),
				"/invitation/confirm");
		assertEnded(new InviteeSession(port).open(usedLink), 410, "already been accepted");

		StaffMember replaced = invitedStaff();
		String oldLink = URI.create(linkFor(replaced)).getPath();
		String inviteId = (String) inviteOf(replaced).get("id");
		admin(HttpMethod.POST, "/api/invites/" + inviteId + "/reinvite");
		await().atMost(Duration.ofSeconds(30)).until(() -> !URI.create(linkFor(replaced)).getPath().equals(oldLink));
		assertEnded(new InviteeSession(port).open(oldLink), 410, "This link has been replaced");

		String newest = URI.create(linkFor(replaced)).getPath();
		admin(HttpMethod.DELETE, "/api/invites/" + inviteId);
		assertEnded(new InviteeSession(port).open(newest), 410, "This invitation was cancelled");

		StaffMember expired = invitedStaff();
		String expiredLink = URI.create(linkFor(expired)).getPath();
		String expiry = managementService.createJobQuery()
			.processInstanceId((String) inviteOf(expired).get("process_instance_id"))
			.timers()
			.activityId(UserInviteProcess.INVITATION_EXPIRED)
			.singleResult()
			.getId();
		managementService.executeJob(expiry);
		assertEnded(new InviteeSession(port).open(expiredLink), 410, "This invitation has expired");
	}

	@Test
	void aDeclinedConsentAStateFromNowhereAndAnExpiredCodeEachGetAClearPageAndLinkNothing() {
		StaffMember teacher = invitedStaff();
		InviteeSession browser = openInvitation(teacher);

		Map<String, String> request = query(browser.authorizationRequest("google"));
		Page declined = browser.arriveAt(URI.create(request.get("redirect_uri") + "?error=access_denied&state="
				+ encode(request.get("state"))));
		assertThat(declined.status()).isEqualTo(403);
		assertThat(declined.text()).contains("You did not share your account").contains("Nothing has been linked")
			.contains("Try");

		Page forged = browser.arriveAt(URI.create("http://localhost:" + port
				+ "/login/oauth2/code/google?code=stolen&state=made-up"));
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.body()).contains("Your sign-in could not be matched");

		URI authorize = browser.authorizationRequest("google");
		URI callback = browser.signInAtProvider(authorize, teacher.email(), Json.google(teacher.email(), "T"));
		simulator.answerNextTokenRequestWith(400,
				"{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired\"}");
		Page expiredCode = browser.arriveAt(callback);
		assertThat(expiredCode.status()).isEqualTo(400);
		assertThat(expiredCode.body()).contains("Your sign-in took too long");

		assertThat(inviteOf(teacher)).containsEntry("status", "SENT").containsEntry("external_subject", null);
	}

	@Test
	void anIdTokenForAnotherAppOrSignedWithAnotherKeyIsRefused() throws Exception {
		StaffMember teacher = invitedStaff();
		InviteeSession browser = openInvitation(teacher);

		Map<String, String> first = query(browser.authorizationRequest("google"));
		simulator.answerNextTokenRequestWith(200, tokens(simulator.signedToken("google", Map.of("sub", teacher.email(),
				"aud", List.of("another-app"), "nonce", first.get("nonce"), "email", teacher.email(),
				"email_verified", true))));
		Page wrongAudience = browser.arriveAt(URI.create(first.get("redirect_uri") + "?code=anything&state="
				+ encode(first.get("state"))));
		assertThat(wrongAudience.status()).isEqualTo(401);
		assertThat(wrongAudience.body()).contains("We could not check your sign-in");

		Map<String, String> request = query(browser.authorizationRequest("google"));
		simulator.answerNextTokenRequestWith(200, tokens(forgedIdToken(teacher.email(), request.get("nonce"))));
		Page wrongKey = browser.arriveAt(URI.create(request.get("redirect_uri") + "?code=anything&state="
				+ encode(request.get("state"))));
		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.body()).contains("We could not check your sign-in");
		assertThat(inviteOf(teacher)).containsEntry("status", "SENT").containsEntry("external_subject", null);

		// The control: the same canned answer with this application as the audience, signed with the provider's key,
		// is accepted, so the two refusals above were for the audience and the key.
		Map<String, String> control = query(browser.authorizationRequest("google"));
		Map<String, Object> account = Map.of("sub", teacher.email(), "email", teacher.email(), "email_verified", true);
		String idToken = simulator.signedToken("google", Map.of("sub", teacher.email(), "aud",
				List.of("school-data-approvals-google"), "nonce", control.get("nonce"), "email", teacher.email(),
				"email_verified", true));
		simulator.answerNextTokenRequestWith(200, tokens(idToken, simulator.signedToken("google", account)));
		Page accepted = browser.arriveAt(URI.create(control.get("redirect_uri") + "?code=anything&state="
				+ encode(control.get("state"))));
		assertThat(accepted.path()).isEqualTo("/invitation/confirm");
		assertThat(accepted.status()).isEqualTo(200);
	}


	@Test
	void twoBrowsersConfirmingAtTheSameInstantLinkExactlyOneAccount() throws Exception {
		StaffMember teacher = invitedStaff();
		String link = URI.create(linkFor(teacher)).getPath();
		List<InviteeSession> browsers = List.of(new InviteeSession(port), new InviteeSession(port));
		List<Page> confirmations = new ArrayList<>();
		for (int i = 0; i < browsers.size(); i++) {
			browsers.get(i).open(link);
			confirmations.add(browsers.get(i).signInWith("google", "racer-" + i + "@gmail.example",
					Json.google("racer-" + i + "@gmail.example", "Racer " + i)));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Page>> answers = new ArrayList<>();
			for (int i = 0; i < browsers.size(); i++) {
				int which = i;
				answers.add(pool.submit(() -> {
					start.await();
					return browsers.get(which).submit(confirmations.get(which), "/invitation/confirm");
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Page> answer : answers) {
				statuses.add(answer.get(30, TimeUnit.SECONDS).status());
			}
			assertThat(statuses).containsExactlyInAnyOrder(200, 410);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat((String) inviteOf(teacher).get("external_subject")).startsWith("racer-");
		assertThat(jdbc.sql("select count(*) from invite where external_subject like 'racer-%'").query(Long.class)
			.single()).isOne();
	}

	@Test
	void aConfirmationWithoutItsCsrfTokenIsRefusedWithAPageAndLinksNothing() {
		StaffMember teacher = invitedStaff();
		InviteeSession browser = openInvitation(teacher);
		browser.signInWith("google", teacher.email(), Json.google(teacher.email(), "T"));

		Page refused = browser.post("/invitation/confirm", Map.of());

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text()).contains("This page has expired").contains("Nothing has been linked");
		assertThat(inviteOf(teacher)).containsEntry("status", "SENT");
	}

	private InviteeSession openInvitation(StaffMember member) {
		InviteeSession browser = new InviteeSession(port);
		Page invitation = browser.open(URI.create(linkFor(member)).getPath());
		assertThat(invitation.path()).isEqualTo("/invitation");
		return browser;
	}

	private static void assertEnded(Page page, int status, String heading) {
		assertThat(page.status()).as(page.body()).isEqualTo(status);
		assertThat(page.text()).contains(heading).containsIgnoringCase("school");
	}

	private String forgedIdToken(String subject, String nonce) throws Exception {
		String kid = JWKSet.load(URI.create(simulator.jwksUrl("google")).toURL())
			.getKeys().get(0).getKeyID();
		RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(simulator.issuer("google"))
			.subject(subject)
			.audience("school-data-approvals-google")
			.claim("nonce", nonce)
			.claim("email", subject)
			.claim("email_verified", true)
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 600_000))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		token.sign(new RSASSASigner(forger));
		return token.serialize();
	}

	/**
	 * A token endpoint's answer carrying this ID token.
	 */
	private static String tokens(String idToken) {
		return tokens(idToken, "never-used");
	}

	private static String tokens(String idToken, String accessToken) {
		return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
				+ "\"id_token\":\"" + idToken + "\"}";
	}

	private static Map<String, String> query(URI address) {
		Map<String, String> query = new HashMap<>();
		for (String pair : address.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return query;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private void admin(HttpMethod method, String path) {
		ResponseEntity<String> answer = http.withBasicAuth(ADMIN, PASSWORD).exchange(path, method, null, String.class);
		assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
	}

	private StaffMember invitedSouthbankStaff() {
		StaffMember member = mis.listStaff(SOUTH).stream().filter(staff -> staff.email() != null).findFirst()
			.orElseThrow();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> invited = http.withBasicAuth("admin@southbank.example", "southbank").exchange(
				"/api/schools/" + SOUTH + "/invites", HttpMethod.POST, new HttpEntity<>(Map.of("sourceGroup", "STAFF",
						"personIds", List.of(member.id())), headers), String.class);
		assertThat(invited.getStatusCode()).as(invited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return member;
	}

	private Map<String, Object> southbankInviteOf(StaffMember member) {
		return jdbc.sql("select * from invite where school_urn = :urn and mis_person_id = :person")
			.param("urn", SOUTH).param("person", member.id())
			.query().singleRow();
	}

	private String linkForAddress(String address) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> InvitationEmails.linkSentTo(smtp, address),
				found -> found != null && InvitationEmails.isIssued(jdbc, found));
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
				found -> found != null && InvitationEmails.isIssued(jdbc, found));
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
