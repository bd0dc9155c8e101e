package uk.schooldata.approvals.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Two nodes, two JVMs with their own web servers and job executors, on one PostgreSQL: Camunda 7's own scale-out.
 * A few hundred invitations with a short expiry and two hundred data access requests with short reminders, started
 * and decided through both nodes. Both job executors work; every timer fires once; every email and webhook goes out
 * once; every invite and request ends where it should.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
		Map<String, String> settings = cluster.settings(Map.of("app.invite.reminder", "PT20S", "app.invite.expiry",
				"PT40S", "app.access-request.first-reminder", "PT5S", "app.access-request.second-reminder", "PT10S",
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
	@Order(1)
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

		// Both reminders of every request (5 s and 10 s after submission) go to the school's administrator.
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
		System.out.printf("Two nodes: %d invitations, %d requests; jobs completed by node: %s%n", invited,
				requests.size(), jobsByNode);
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

	@Test
	@Order(2)
	void aNodeKilledInTheMiddleOfAWholeSchoolBatchAndOfApprovalsLosesNothingAndRepeatsOnlyWhatItHeld()
			throws Exception {
		cluster.mail.purgeEmailFromAllMailboxes();
		cluster.webhooks.resetRequests();
		String urn = SCHOOLS.get(1);
		List<String> apps = new ArrayList<>();
		for (int app = 0; app < APPS; app++) {
			apps.add("crash-app-" + app);
			cluster.registerApp(a, apps.get(app));
		}
		List<String> requests = new ArrayList<>();
		List<String> schoolOf = new ArrayList<>();
		for (String app : apps) {
			for (String school : SCHOOLS) {
				requests.add(cluster.submit(requests.size() % 2 == 0 ? a : b, app, school));
				schoolOf.add(school);
			}
		}

		int invited = cluster.inviteStudents(a, urn, List.of("7A", "7B", "7C", "7D", "7E", "7F", "8A", "8B", "8C",
				"8D", "8E", "8F")).path("invited").asInt();
		ExecutorService administrators = Executors.newFixedThreadPool(4);
		List<Future<ApplicationNode>> approvals = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			int index = i;
			List<ApplicationNode> route = index % 2 == 0 ? List.of(a, b) : List.of(b, a);
			approvals.add(administrators.submit(() -> cluster.approveSurely(route, schoolOf.get(index),
					requests.get(index))));
		}
		// Mid-batch and mid-approvals: some invitations out, some decisions taken.
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> cluster.countBy("status", "invite", "school_urn = '" + urn + "'").getOrDefault("SENT", 0L) > 40
					&& cluster.countBy("status", "access_request", "status = 'APPROVED'").getOrDefault("APPROVED", 0L)
						> 300);
		a.kill();
		for (Future<ApplicationNode> approval : approvals) {
			approval.get(3, TimeUnit.MINUTES);
		}
		administrators.shutdown();

		// The survivor finishes alone, taking up the jobs the dead node held once their locks expire.
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> cluster.countBy("status", "invite", "school_urn = '" + urn + "'").getOrDefault("PENDING", 0L)
					== 0 && cluster.database.sql("""
							select count(*) from access_request where id in (:ids) and grants_recorded_at is null
							""").param("ids", requests).query(Long.class).single() == 0);
		await().atMost(Duration.ofMinutes(2))
			.until(() -> deliveriesPerId(apps).size() == requests.size());
		a.start();

		assertThat(cluster.database.sql("select count(*) from access_request where id in (:ids) and status = 'APPROVED'")
			.param("ids", requests)
			.query(Long.class)
			.single()).as("every decision taken once and kept").isEqualTo(requests.size());
		assertThat(cluster.database.sql("""
				select count(*) from scope_grant where request_id in (:ids) and revoked_at is null
				""").param("ids", requests).query(Long.class).single()).as("one grant per request").isEqualTo(200);
		Map<String, Long> webhooks = deliveriesPerId(apps);
		long repeated = webhooks.values().stream().mapToLong(count -> count - 1).sum();
		assertThat(webhooks).as("a webhook for every decision").hasSize(requests.size());
		assertThat(repeated).as("repeated only what the killed node was delivering (its 8 job threads)")
			.isLessThanOrEqualTo(8);

		Map<String, List<MimeMessage>> byDelivery = new HashMap<>();
		for (MimeMessage message : cluster.mail.getReceivedMessages()) {
			if (message.getHeader("X-SDA-Delivery") != null && text(message).contains("/invitations/")) {
				byDelivery.computeIfAbsent(message.getHeader("X-SDA-Delivery")[0], id -> new ArrayList<>()).add(message);
			}
		}
		assertThat(cluster.countBy("status", "invite", "school_urn = '" + urn + "'"))
			.as("every invitation of the batch went out (and some expired since), none lost")
			.satisfies(statuses -> assertThat(statuses.keySet()).isSubsetOf("SENT", "EXPIRED"))
			.satisfies(statuses -> assertThat(statuses.values().stream().mapToLong(Long::longValue).sum())
				.isEqualTo(invited));
		Set<String> issued = Set.copyOf(cluster.database.sql("""
				select t.token_hash from invite_token t join invite i on i.id = t.invite_id where i.school_urn = :urn
				""").param("urn", urn).query(String.class).list());
		long copies = 0;
		Set<String> reached = new HashSet<>();
		for (List<MimeMessage> delivery : byDelivery.values()) {
			String to = delivery.get(0).getAllRecipients()[0].toString();
			Set<String> tokens = delivery.stream().map(ClusterTests::token).collect(Collectors.toSet());
			assertThat(tokens).as("every copy to %s carries the same link", to).hasSize(1);
			assertThat(issued).as("the link to %s is on record, so it works until replaced", to)
				.contains(sha256(tokens.iterator().next()));
			reached.add(to);
			copies += delivery.size() - 1;
		}
		assertThat(reached).as("every invitee received their invitation").hasSize(invited);
		System.out.printf("Killed node-a: %d invitations, %d emails repeated; %d decisions, %d webhooks repeated%n",
				invited, copies, requests.size(), repeated);
		assertThat(copies).as("repeated only what the killed node was sending").isLessThanOrEqualTo(8);
		assertThat(a.readiness()).as("the restarted node rejoins").isEqualTo(200);
		assertThat(cluster.database.sql("select count(*) from act_ru_incident").query(Long.class).single()).isZero();
	}

	private Map<String, Long> deliveriesPerId(List<String> apps) {
		return cluster.webhooks.findAll(postRequestedFor(urlPathMatching("/hooks/crash-app-.*")))
			.stream()
			.collect(Collectors.groupingBy(request -> request.getHeader("X-SDA-Delivery"), Collectors.counting()));
	}

	private static String token(MimeMessage message) {
		Matcher link = Pattern.compile("/invitations/([A-Za-z0-9_-]{43})").matcher(text(message));
		assertThat(link.find()).as("a link in the invitation").isTrue();
		return link.group(1);
	}

	private static String sha256(String token) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
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
