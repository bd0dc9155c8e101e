package uk.schooldata.approvals.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node stopped as an orchestrator stops it (SIGTERM) while webhooks are on their way: it stops taking jobs, lets
 * those it holds finish while the database is still there, and leaves nothing failed or locked; started again, it
 * delivers the rest. Nothing is delivered twice, which an interrupted delivery would have caused.
 */
class GracefulShutdownTests {

	static final String SCHOOL = "400001";

	Cluster cluster = new Cluster();

	ApplicationNode node;

	@AfterEach
	void stop() {
		if (node != null) {
			node.close();
		}
		cluster.close();
	}

	@Test
	void sigtermFinishesTheJobsInFlightTakesNoNewOnesAndLeavesNothingFailedOrLocked() {
		node = ApplicationNode.start("node-graceful", cluster.settings(Map.of()));
		cluster.onboard(node, SCHOOL);
		// Every delivery takes two seconds: the receiver is slow, not broken.
		cluster.webhooks.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)
			.withFixedDelay(2000)));
		List<String> requests = new ArrayList<>();
		for (int app = 0; app < 24; app++) {
			cluster.registerApp(node, "slow-app-" + app);
			requests.add(cluster.submit(node, "slow-app-" + app, SCHOOL));
		}
		for (String request : requests) {
			assertThat(cluster.decide(node, SCHOOL, request, true).status()).isEqualTo(204);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries().size() >= 4);

		Duration stopping = node.stop();

		assertThat(stopping).as("stopped within the shutdown phase's time").isLessThan(Duration.ofSeconds(45));
		assertThat(deliveries().size()).as("stopped taking jobs: some deliveries wait for the next start")
			.isLessThan(requests.size());
		assertThat(cluster.database.sql("select count(*) from act_hi_job_log where job_state_ = 1")
			.query(Long.class)
			.single()).as("no job failed on the way down").isZero();
		assertThat(cluster.database.sql("select count(*) from act_ru_job where lock_owner_ is not null")
			.query(Long.class)
			.single()).as("no job left locked by the stopped node").isZero();
		String shutdown = node.output().substring(node.output().lastIndexOf("Commencing graceful shutdown"));
		assertThat(shutdown).doesNotContain("\"level\":\"ERROR\"").doesNotContain("Exception");

		node.start();
		await().atMost(Duration.ofSeconds(90)).until(() -> perDelivery().size() == requests.size());
		assertThat(perDelivery()).as("every decision delivered once").allSatisfy((id, count) ->
				assertThat(count).as(id).isOne());
	}

	private List<?> deliveries() {
		return cluster.webhooks.findAll(postRequestedFor(urlPathMatching("/hooks/.*")));
	}

	private Map<String, Long> perDelivery() {
		return cluster.webhooks.findAll(postRequestedFor(urlPathMatching("/hooks/.*")))
			.stream()
			.collect(Collectors.groupingBy(request -> request.getHeader("X-SDA-Delivery"), Collectors.counting()));
	}
}
