package uk.schooldata.approvals.invite.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;

import uk.schooldata.approvals.Browser;
import uk.schooldata.approvals.DemoSchools;
import uk.schooldata.approvals.TestMailServer;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.StaffMember;

/**
 * An invitee accepts in a real browser (Debian's Chromium, headless): the link from the email GreenMail received,
 * Google chosen, the simulated provider's own page, the confirmation; then the school's administrator finds the
 * Assign permissions task in Tasklist, is offered only the permissions that fit, and assigns one. axe-core checks
 * every page of the invitee's way: no serious or critical accessibility violation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class InvitationBrowserTests {

	static final String ADMIN = "admin@northfield.example";

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

	@BeforeEach
	void demoSchoolOnboarded() {
		DemoSchools.awaitActive(http, DemoSchools.NORTH);
	}

	@Test
	void aTeacherAcceptsWithGoogleInTheBrowserAndTheAdministratorGetsTheTask() throws Exception {
		StaffMember teacher = invited();
		String link = await().atMost(Duration.ofSeconds(30))
			.until(() -> InvitationEmails.linkSentTo(smtp, teacher.email()),
					found -> found != null && InvitationEmails.isIssued(jdbc, found));

		try (Browser browser = Browser.open(port)) {
			WebDriver driver = browser.driver();
			browser.go(URI.create(link).getPath());
			assertThat(browser.await(By.id("invited")).getText()).contains("Northfield Academy")
				.contains(teacher.forename());
			assertThat(driver.getCurrentUrl()).as("the token left the address bar").endsWith("/invitation");
			assertAccessible(driver, "the invitation");
			browser.screenshot("invitation-start");

			browser.await(By.id("provider-google")).click();
			browser.await(By.id("username")).sendKeys(teacher.email());
			driver.findElement(By.id("display-name")).sendKeys(teacher.forename() + " " + teacher.surname());
			browser.screenshot("invitation-provider-sign-in");
			driver.findElement(By.id("continue")).click();

			assertThat(browser.await(By.id("signed-in-as")).getText())
				.isEqualTo("You are signed in to Google as " + teacher.email() + ".");
			assertThat(driver.findElement(By.id("question")).getText())
				.contains(teacher.forename()).contains("Northfield Academy");
			assertAccessible(driver, "the confirmation");
			browser.screenshot("invitation-confirm");
			driver.findElement(By.id("confirm")).click();

			assertThat(browser.await(By.id("next")).getText()).contains("An administrator at Northfield Academy")
				.contains("permissions");
			assertAccessible(driver, "the account linked");
			browser.screenshot("invitation-done");

			browser.go(URI.create(link).getPath());
			assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("This invitation has already been accepted");
			assertAccessible(driver, "a used link");

			browser.signInToCamunda("tasklist", ADMIN, "northfield");
			browser.go("/camunda/app/tasklist/default/#/");
			String task = "Assign permissions: " + teacher.forename() + " " + teacher.surname() + " (staff)";
			browser.await(By.xpath("//a[contains(., \"" + task + "\")]")).click();
			browser.await(By.cssSelector("input[id$='Field_InviteeName']"));
			browser.screenshot("invitation-task-in-tasklist");
			browser.await(By.xpath("//*[self::a or self::button][normalize-space(.)='Claim']")).click();
			List<String> offered = new WebDriverWait(driver, Duration.ofSeconds(20)).until(page -> {
				List<String> labels = page.findElements(By.cssSelector(".fjs-form-field-checklist label"))
					.stream()
					.map(label -> label.getText().strip())
					// The field's own label, then one per option.
					.filter(label -> !label.isEmpty() && !label.startsWith("Permissions"))
					.toList();
				return labels.isEmpty() ? null : labels;
			});
			assertThat(offered).as("only what fits a member of staff")
				.containsExactly("Administrator", "Reviewer", "Choices");
			browser.await(By.xpath("//label[normalize-space(.)='Reviewer']")).click();
			browser.screenshot("tasklist-assign-permissions");
			browser.await(By.xpath("//button[normalize-space(.)='Complete']")).click();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String invite = http.withBasicAuth(ADMIN, "northfield")
				.getForEntity("/api/schools/" + DemoSchools.NORTH + "/invites?sourceGroup=STAFF", String.class)
				.getBody();
			assertThat(JsonPath.<List<String>>read(invite, "$[?(@.misPersonId == '" + teacher.id() + "')].status"))
				.containsExactly("ACTIVE");
			assertThat(JsonPath.<List<List<String>>>read(invite,
					"$[?(@.misPersonId == '" + teacher.id() + "')].permissions")).containsExactly(List.of("REVIEWER"));
		});
	}

	/**
	 * axe-core on the page as it is now: nothing serious or critical.
	 */
	private static void assertAccessible(WebDriver driver, String page) {
		Results results = new AxeBuilder().analyze(driver);
		List<String> violations = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(InvitationBrowserTests::describe)
			.toList();
		assertThat(violations).as("serious or critical accessibility violations on %s", page).isEmpty();
		assertThat(results.getPasses()).as("axe-core ran its rules on %s", page).isNotEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
	}

	private StaffMember invited() {
		StaffMember member = mis.listStaff(DemoSchools.NORTH).stream().filter(staff -> staff.email() != null)
			.findFirst().orElseThrow();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> invited = http.withBasicAuth(ADMIN, "northfield").exchange("/api/schools/"
				+ DemoSchools.NORTH + "/invites", HttpMethod.POST, new HttpEntity<>(Map.of("sourceGroup", "STAFF",
						"personIds", List.of(member.id())), headers), String.class);
		assertThat(invited.getStatusCode()).as(invited.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		return member;
	}
}
