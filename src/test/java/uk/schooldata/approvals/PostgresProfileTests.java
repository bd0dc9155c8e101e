package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
import org.springframework.transaction.support.TransactionTemplate;

import uk.schooldata.approvals.audit.ChainReport;
import uk.schooldata.approvals.audit.DecisionKind;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.audit.LedgerEntry;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.StaffMember;

/**
 * The {@code prod} profile on a real PostgreSQL server (started by the build, no installation needed): Camunda's
 * schema and our Flyway migrations are created on it, and a school is onboarded through the process end to end. The
 * MIS simulator stands in for a real MIS, GreenMail for the SMTP server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "OPERATOR_PASSWORD=" + PostgresProfileTests.OPERATOR_PASSWORD, "MIS_API_KEY=simulator-key",
				"INVITE_LINK_KEY=a-link-key-for-the-postgres-profile-tests",
				"MIS_BASE_URL=", "app.mis.simulator.enabled=true", "INVITE_BASE_URL=https://invitations.example",
				"GOOGLE_CLIENT_ID=school-data-approvals", "GOOGLE_CLIENT_SECRET=not-used-here" })
@ActiveProfiles("prod")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class PostgresProfileTests {

	static final String OPERATOR_PASSWORD = "Operator-On-Postgres-1";

	static final String DATABASE_URL = TestDatabase.newPostgresDatabase("prod_profile");

	@RegisterExtension
	static GreenMailExtension smtp = TestMailServer.start();

	@DynamicPropertySource
	static void databaseAndMailServer(DynamicPropertyRegistry registry) {
		registry.add("MAIL_HOST", () -> "localhost");
		registry.add("MAIL_PORT", () -> smtp.getSmtp().getPort());
		registry.add("DATABASE_URL", () -> DATABASE_URL);
		registry.add("DATABASE_USERNAME", () -> "postgres");
		registry.add("DATABASE_PASSWORD", () -> "postgres");
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DecisionLedger ledger;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	IdentityService identityService;

	@Autowired
	MisConnector mis;

	@Autowired
	ObjectMapper json;

	@Test
	void onboardsASchoolOnPostgres() {
		assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
		TestRestTemplate operator = http.withBasicAuth("operator", OPERATOR_PASSWORD);

		ResponseEntity<String> accepted = operator.postForEntity("/api/schools", Map.of("urn", "654321", "name",
				"Postgres Park School", "contactEmail", "office@postgres-park.example"), String.class);

		assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(
					operator.getForEntity("/api/schools/654321", String.class).getBody(), "$.status"))
				.isEqualTo("ACTIVE"));
		assertThat(jdbc.sql("select count(*) from act_ru_execution").query(Long.class).single()).isNotNull();
		assertThat(jdbc.sql("select count(*) from school_mis_group where urn = '654321'").query(Long.class).single())
			.isEqualTo(6);
		assertThat(smtp.getReceivedMessagesForDomain("office@postgres-park.example")).hasSize(1);

		String timeline = operator.getForEntity("/api/audit/events?schoolUrn=654321&from=2020-01-01", String.class)
			.getBody();
		assertThat(JsonPath.<List<String>>read(timeline, "$.events[*].type")).as(timeline)
			.containsExactly("SCHOOL_ONBOARDED");
		assertThat(JsonPath.<List<String>>read(timeline, "$.events[*].subject")).containsExactly("Postgres Park School");
		HttpHeaders csv = new HttpHeaders();
		csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		assertThat(operator.exchange("/api/audit/events", HttpMethod.GET, new HttpEntity<>(csv), String.class)
			.getBody()).startsWith("time,type,").contains(",SCHOOL_ONBOARDED,system,654321,");
	}

	@Test
	void theDecisionRecordChainsAndVerifiesOnPostgres() {
		jdbc.sql("""
				insert into school (urn, name, contact_email, uses_school_booking, status, registered_at)
				values ('765432', 'Ledger Lane School', 'office@ledger-lane.example', false, 'ACTIVE', current_timestamp)
				""").update();
		Instant at = Instant.parse("2026-12-02T09:30:00.123456Z");
		for (DecisionKind kind : List.of(DecisionKind.REVIEWED, DecisionKind.GRANTED)) {
			transactions.executeWithoutResult(status -> ledger.append(new LedgerEntry("765432", kind, "request-1",
					"an-app", "approved: students.basic", "admin@ledger-lane.example", null, at)));
		}

		assertThat(ledger.verify(List.of("765432"))).isEqualTo(new ChainReport(true, 1, 2, List.of()));
		assertThat(JsonPath.<List<String>>read(http.withBasicAuth("operator", OPERATOR_PASSWORD)
			.getForEntity("/api/audit/events?schoolUrn=765432&type=REQUEST_REVIEWED,SCOPES_GRANTED", String.class)
			.getBody(), "$.events[*].decision"))
			.as("the timeline's one query, on PostgreSQL")
			.containsExactly("approved: students.basic", "granted: approved: students.basic");

		jdbc.sql("update decision_record set detail = 'approved: students.sen_needs' where school_urn = '765432' "
				+ "and position = 1").update();
		assertThat(ledger.verify(List.of("765432")).breaks()).extracting(ChainReport.Break::position)
			.containsExactly(1L);
	}

	@Test
	void logsProcessWorkAsJsonWithItsBusinessKeyAndNoPersonalData(CapturedOutput output) throws Exception {
		int from = output.getOut().length();
		TestRestTemplate operator = http.withBasicAuth("operator", OPERATOR_PASSWORD);
		assertThat(operator.postForEntity("/api/schools", Map.of("urn", "876543", "name", "Json Lane School",
				"contactEmail", "office@json-lane.example"), String.class).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(
					operator.getForEntity("/api/schools/876543", String.class).getBody(), "$.status"))
				.isEqualTo("ACTIVE"));
		User administrator = identityService.createUserQuery().userId("office@json-lane.example").singleResult();
		administrator.setPassword("Administrator-Password-1");
		identityService.saveUser(administrator);
		StaffMember teacher = mis.listStaff("876543")
			.stream()
			.filter(staff -> staff.email() != null)
			.findFirst()
			.orElseThrow();
		assertThat(http.withBasicAuth("office@json-lane.example", "Administrator-Password-1")
			.postForEntity("/api/schools/876543/invites",
					Map.of("sourceGroup", "STAFF", "personIds", List.of(teacher.id())), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(smtp.getReceivedMessagesForDomain(teacher.email())).hasSize(1));

		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().substring(from).split("\\R")) {
			if (line.startsWith("{")) {
				lines.add(json.readTree(line));
			}
		}
		List<JsonNode> processWork = lines.stream()
			.filter(line -> line.path("log").path("logger").asText().endsWith("Delegate"))
			.toList();
		assertThat(processWork).extracting(line -> line.path("log").path("logger").asText())
			.contains("uk.schooldata.approvals.onboarding.CreateSchoolAccessDelegate",
					"uk.schooldata.approvals.invite.EmailInvitationDelegate");
		assertThat(processWork).allSatisfy(line -> {
			assertThat(line.path("processInstanceId").asText()).as(line.toString()).isNotBlank();
			assertThat(line.path("businessKey").asText()).as(line.toString()).isNotBlank();
			assertThat(line.path("service").path("name").asText()).isEqualTo("school-data-approvals");
		});
		assertThat(processWork).filteredOn(line -> line.path("log").path("logger").asText().contains(".onboarding."))
			.extracting(line -> line.path("businessKey").asText())
			.containsOnly("876543");
		assertThat(lines).as("the application's lines; GreenMail, the test's SMTP server, logs the addresses it sees")
			.filteredOn(line -> !line.path("log").path("logger").asText().startsWith("com.icegreen."))
			.hasSizeGreaterThan(processWork.size())
			.allSatisfy(line -> assertThat(line.toString()).as("no invitee's name or address in the log")
				.doesNotContain(teacher.email())
				.doesNotContain(teacher.surname()));
	}

	@Test
	void seedsNoDemoIdentities() {
		assertThat(http.withBasicAuth("demo", "demo").getForEntity("/api/apps", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(jdbc.sql("select id_ from act_id_user").query(String.class).list())
			.contains("operator")
			.doesNotContain("demo", "auditor", "demo-app", "admin@northfield.example", "admin@southbank.example");
	}
}
