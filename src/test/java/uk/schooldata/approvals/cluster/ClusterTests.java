package uk.schooldata.approvals.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Two nodes, two JVMs with their own web servers and job executors, on one PostgreSQL: Camunda 7's own scale-out.
 * A few hundred invitations with a short expiry and two hundred data access requests with short reminders, started
 * and decided through both nodes. Both job executors work; every timer fires once; every email and webhook goes out
 * once; every invite and request ends where it should.
 */
class ClusterTests {

	static final List<String> SCHOOLS = List.of("300001", "300002", "300003", "300004", "300005");

	static final int APPS = 40;

	static Cluster cluster;

	static ApplicationNode a;

	static ApplicationNode b;

	@BeforeAll
	static void twoNodes() throws IOException {
		FileSystemUtils.deleteRecursively(Path.of("target", "cluster-logs"));
		cluster = new Cluster();
		Map<String, String> settings = cluster.settings(Map.of("app.invite.reminder", "PT30S", "app.invite.expiry",
				"PT60S", "app.access-request.first-reminder", "PT10S", "app.access-request.second-reminder", "PT20S",
				"app.access-request.expiry", "P14D"));
		// The first node creates the schema; a second node started at the same moment would race it.
		a = ApplicationNode.start("node-a", settings);
		SCHOOLS.forEach(urn -> cluster.onboard(a, urn));
		for (int app = 0; app < APPS; app++) {
			cluster.registerApp(a, "cluster-app-" + app);
		}
		b = ApplicationNode.start("node-b", settings);
	}

	@AfterAll
	static void stopNodes() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		cluster.close();
	}

	@Test
	void twoNodesShareTheWorkAndDoEveryStepOnce() throws FolderException {
		cluster.mail.purgeEmailFromAllMailboxes();
		String urn = SCHOOLS.get(0);
		int invited = cluster.inviteStudents(a, urn, List.of("7A", "7B", "7C", "7D")).path("invited").asInt()
				+ cluster.inviteStudents(b, urn, List.of("8A", "8B", "8C", "8D")).path("invited").asInt();

		List<String> requests = new ArrayList<>();
		List<String> schoolOf = new ArrayList<>();
		for (int app = 0; app < APPS; app++) {
			for (String school : SCHOOLS) {
				ApplicationNode node = requests.size() % 2 == 0 ? a : b;
				requests.add(cluster.submit(node, "cluster-app-" + app, school));
				schoolOf.add(school);
			}
		}
		assertThat(invited).as("a few hundred invitations").isGreaterThan(150);
		assertThat(requests).hasSize(200).doesNotHaveDuplicates();

		// Both reminders of every request (10 s and 20 s after submission) go to the school's administrator.
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> reminders(requests) == 2L * requests.size());
		for (int i = 0; i < requests.size(); i++) {
			Cluster.Answer decided = cluster.decide(i % 2 == 0 ? a : b, schoolOf.get(i), requests.get(i), i % 4 != 3);
			assertThat(decided.status()).as(decided.body()).isEqualTo(204);
		}

		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> cluster.countBy("status", "invite", "school_urn = '" + urn + "'")
				.keySet()
				.stream()
				.allMatch(status -> status.equals("EXPIRED") || status.equals("FAILED")));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> cluster.webhooks.findAll(postRequestedFor(urlPathMatching("/hooks/.*"))).size() >= 200);

		Map<String, Long> requestStatuses = cluster.countBy("status", "access_request", "1 = 1");
		assertThat(requestStatuses).containsExactlyInAnyOrderEntriesOf(Map.of("APPROVED", 150L, "DECLINED", 50L));
		Map<String, Long> inviteStatuses = cluster.countBy("status", "invite", "school_urn = '" + urn + "'");
		assertThat(inviteStatuses.get("EXPIRED")).as("every invitation sent expired").isEqualTo((long) invited);

		Map<String, List<String>> mail = cluster.subjectsByRecipient();
		List<String> invitees = cluster.database
			.sql("select email from invite where school_urn = :urn and status = 'EXPIRED'")
			.param("urn", urn)
			.query(String.class)
			.list();
		assertThat(invitees).hasSize(invited).allSatisfy(invitee -> assertThat(mail.get(invitee)).as(invitee)
			.hasSize(2)
			.anyMatch(subject -> subject.startsWith("Reminder")));
		assertThat(remindersPerRequest(requests)).as("both reminders of every request, each once").hasSize(200)
			.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(2));

		List<LoggedRequest> deliveries = cluster.webhooks.findAll(postRequestedFor(urlPathMatching("/hooks/.*")));
		Map<String, Long> perDelivery = deliveries.stream()
			.collect(Collectors.groupingBy(request -> request.getHeader("X-SDA-Delivery"), Collectors.counting()));
		assertThat(perDelivery).as("one webhook per decision, each once").hasSize(200).allSatisfy((id, count) ->
				assertThat(count).as(id).isOne());

		Map<String, Long> jobsByNode = cluster.countBy("hostname_", "act_hi_job_log", "job_state_ = 2");
		assertThat(jobsByNode.keySet()).as("both job executors did work").contains("node-a", "node-b");
		assertThat(jobsByNode.get("node-a")).isGreaterThan(50);
		assertThat(jobsByNode.get("node-b")).isGreaterThan(50);
		assertThat(cluster.database.sql("""
				select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2
				group by job_id_ having count(*) > 1) twice
				""").query(Long.class).single()).as("no job ran to completion twice").isZero();
		Map<String, Long> timers = cluster.countBy("job_def_type_", "act_hi_job_log",
				"job_state_ = 2 and job_def_type_ like 'timer%'");
		assertThat(timers.values().stream().mapToLong(Long::longValue).sum())
			.as("reminders and expiry of every invite, both reminders of every request")
			.isEqualTo(2L * invited + 2L * requests.size());
		assertThat(cluster.database.sql("select count(*) from act_ru_incident").query(Long.class).single()).isZero();
	}

	/**
	 * The reminders about these requests the administrators received: each names its request.
	 */
	private long reminders(List<String> requests) {
		return remindersPerRequest(requests).values().stream().mapToLong(Long::longValue).sum();
	}

	private Map<String, Long> remindersPerRequest(List<String> requests) {
		Map<String, Long> perRequest = new HashMap<>();
		for (MimeMessage message : cluster.mail.getReceivedMessages()) {
			String body = text(message);
			if (body.contains("nobody has decided yet")) {
				requests.stream()
					.filter(id -> body.contains("(request " + id + ")"))
					.forEach(id -> perRequest.merge(id, 1L, Long::sum));
			}
		}
		return perRequest;
	}

	private static String text(MimeMessage message) {
		try {
			return message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException("Cannot read an email", ex);
		}
	}
}
