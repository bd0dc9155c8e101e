package uk.schooldata.approvals.accessrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;

/**
 * How fast the two-taps check answers, over real HTTP as the demo app (HTTP Basic on every request, as apps call it)
 * and, to tell the parts apart, in-process: the check alone, the HTTP Basic sign-in alone, and HTTP without sign-in.
 * Run on demand, never by {@code ./mvnw verify} (see docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw test -Dtest=DataFlowCheckBenchmarkTests -DexcludedGroups= -Dgroups=benchmark
 * </pre>
 *
 * Every scenario is bounded in requests and in time; every answer is checked, so a fast wrong answer fails the run.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class DataFlowCheckBenchmarkTests {

	static final String URN = "100001";
	static final String APP = "demo-app";
	static final String SECRET = "demo-app-secret";
	static final String SCOPE = "students.basic";

	static final int REQUESTS = Integer.getInteger("benchmark.requests", 20_000);
	static final int WARM_UP_REQUESTS = Integer.getInteger("benchmark.warmUp", 5_000);
	static final Duration TIME_CAP = Duration.ofSeconds(Long.getLong("benchmark.capSeconds", 30));

	@LocalServerPort
	int port;

	@Autowired
	DataFlowCheck dataFlowCheck;

	@Autowired
	@Qualifier("identityAuthenticationProvider")
	AuthenticationProvider signIn;

	@Autowired
	Grants grants;

	@Autowired
	Schools schools;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void measuresTheDataFlowCheckOverHttpAndInProcess() throws Exception {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> schools.findByUrn(URN).map(School::status).orElse(null) == OnboardingStatus.ACTIVE);
		granted(URN, APP, SCOPE);

		HttpRequest dataFlow = HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/api/schools/" + URN + "/apps/" + APP + "/data-flow?scope=" + SCOPE))
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((APP + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		HttpRequest liveness = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		Callable<Boolean> overHttp = () -> allowed(http.send(dataFlow, HttpResponse.BodyHandlers.ofString()));
		Callable<Boolean> livenessOverHttp = () -> http.send(liveness, HttpResponse.BodyHandlers.ofString())
			.statusCode() == 200;
		Callable<Boolean> checkInProcess = () -> dataFlowCheck.check(URN, APP, SCOPE).allowed();
		Callable<Boolean> signInInProcess = () -> signIn
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(APP, SECRET))
			.isAuthenticated();

		run("warm-up: GET data-flow over HTTP", WARM_UP_REQUESTS, 8, overHttp);
		run("warm-up: check() in-process", WARM_UP_REQUESTS, 2, checkInProcess);
		run("warm-up: sign-in in-process", WARM_UP_REQUESTS, 2, signInInProcess);

		List<Result> results = new ArrayList<>();
		for (int concurrency : new int[] { 1, 8, 32 }) {
			results.add(run("GET data-flow over HTTP, Basic auth", REQUESTS, concurrency, overHttp));
		}
		for (int concurrency : new int[] { 1, 8 }) {
			results.add(run("GET liveness over HTTP, no auth", REQUESTS, concurrency, livenessOverHttp));
		}
		for (int concurrency : new int[] { 1, 8 }) {
			results.add(run("DataFlowCheck.check() in-process", REQUESTS, concurrency, checkInProcess));
		}
		for (int concurrency : new int[] { 1, 8 }) {
			results.add(run("HTTP Basic sign-in in-process", REQUESTS, concurrency, signInInProcess));
		}

		System.out.println();
		System.out.println(Result.HEADER);
		results.forEach(result -> System.out.println(result.row()));
		System.out.println();

		assertThat(results).allSatisfy(result -> {
			assertThat(result.wrong()).as(result.name() + " wrong answers").isZero();
			assertThat(result.completed()).as(result.name() + " completed").isPositive();
		});
	}

	private static boolean allowed(HttpResponse<String> response) {
		if (response.statusCode() == 200 && response.body().contains("\"allowed\":true")) {
			return true;
		}
		throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
	}

	/**
	 * Sends {@code requests} calls from {@code concurrency} threads, stopping early at {@link #TIME_CAP}; prints the
	 * first few failures, so that a wrong answer or a timeout says what it was.
	 */
	private static Result run(String name, int requests, int concurrency, Callable<Boolean> call) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger wrong = new AtomicInteger();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		long[] latencies = new long[requests];
		long started = System.nanoTime();
		long deadline = started + TIME_CAP.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<Integer>> workers = new ArrayList<>();
			for (int t = 0; t < concurrency; t++) {
				workers.add(threads.submit(() -> {
					int done = 0;
					for (int i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline; i = next
						.getAndIncrement()) {
						long before = System.nanoTime();
						boolean right;
						try {
							right = call.call();
						}
						catch (Exception ex) {
							right = false;
							if (failures.size() < 5) {
								failures.add(ex.toString() + " after " + (System.nanoTime() - before) / 1_000_000 + " ms");
							}
						}
						latencies[i] = System.nanoTime() - before;
						if (!right) {
							wrong.incrementAndGet();
						}
						done++;
					}
					return done;
				}));
			}
			int completed = 0;
			for (Future<Integer> worker : workers) {
				completed += worker.get();
			}
			long elapsed = System.nanoTime() - started;
			long[] measured = Arrays.stream(latencies).filter(latency -> latency > 0).sorted().toArray();
			failures.forEach(failure -> System.out.println(name + " c=" + concurrency + ": " + failure));
			return new Result(name, concurrency, completed, wrong.get(), elapsed, measured);
		}
		finally {
			threads.shutdownNow();
		}
	}

	void granted(String urn, String appId, String scope) {
		if (grants.inForce(urn, appId, scope).isPresent()) {
			return;
		}
		Instant now = Instant.now();
		String requestId = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into access_request (id, app_id, school_urn, purpose, status, submitted_at, deadline)
				values (:id, :appId, :urn, 'Benchmark', 'APPROVED', :at, :at)
				""")
			.param("id", requestId)
			.param("appId", appId)
			.param("urn", urn)
			.param("at", Timestamp.from(now))
			.update();
		grants.grant(urn, appId, scope, requestId, "benchmark", now);
	}

	record Result(String name, int concurrency, int completed, int wrong, long elapsedNanos, long[] sortedLatencies) {

		static final String HEADER = String.format(Locale.ROOT, "%-38s %5s %9s %6s %9s %9s %9s %10s", "scenario",
				"conc", "requests", "wrong", "p50 ms", "p95 ms", "p99 ms", "per second");

		String row() {
			return String.format(Locale.ROOT, "%-38s %5d %9d %6d %9.3f %9.3f %9.3f %10.0f", name, concurrency,
					completed, wrong, percentile(0.50), percentile(0.95), percentile(0.99),
					completed / (elapsedNanos / 1e9));
		}

		double percentile(double p) {
			if (sortedLatencies.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p * sortedLatencies.length) - 1;
			return sortedLatencies[Math.max(0, index)] / 1e6;
		}
	}
}
