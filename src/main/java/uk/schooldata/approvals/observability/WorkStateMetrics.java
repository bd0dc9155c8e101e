package uk.schooldata.approvals.observability;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The state of the work, read from the database on a schedule ({@code app.metrics.refresh-interval}) and exported
 * as gauges:
 * <ul>
 * <li>{@code sda_access_requests_pending{age}}: open requests (awaiting a review or a second approval) by how long
 * ago they were submitted;</li>
 * <li>{@code sda_access_requests{status}}: every request by its status, the outcomes among them;</li>
 * <li>{@code sda_invites{status}}: every invite by its status;</li>
 * <li>{@code sda_incidents_open{process}}: open incidents by process;</li>
 * <li>{@code sda_jobs{state}}: {@code due}, jobs due and not taken by any node's job executor (the backlog);
 * {@code retrying}, jobs that failed and will be tried again; {@code failed}, jobs out of retries, each an
 * incident.</li>
 * </ul>
 * Every node reads the same database, so a dashboard shows the maximum over nodes. The readings are counts and times
 * only: no names, no ids.
 */
@Component
class WorkStateMetrics {

	/** Upper bounds of the age buckets of open requests, with their labels; the reminders fall at 3 and 7 days. */
	private static final Map<String, Duration> AGES = ages();

	private static final Logger LOG = LoggerFactory.getLogger(WorkStateMetrics.class);

	private final JdbcClient jdbc;

	private final Clock clock = Clock.systemUTC();

	private final MultiGauge pendingByAge;

	private final MultiGauge requestsByStatus;

	private final MultiGauge invitesByStatus;

	private final MultiGauge openIncidents;

	private final MultiGauge jobs;

	private volatile boolean failing;

	WorkStateMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.pendingByAge = MultiGauge.builder("sda.access_requests.pending")
			.description("Data access requests awaiting a decision, by time since submission")
			.register(registry);
		this.requestsByStatus = MultiGauge.builder("sda.access_requests")
			.description("Data access requests by status")
			.register(registry);
		this.invitesByStatus = MultiGauge.builder("sda.invites").description("Invites by status").register(registry);
		this.openIncidents = MultiGauge.builder("sda.incidents.open")
			.description("Open incidents by process")
			.register(registry);
		this.jobs = MultiGauge.builder("sda.jobs").description("Jobs by state").register(registry);
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${app.metrics.refresh-interval:PT30S}")
	void refresh() {
		try {
			Instant now = clock.instant();
			pendingByAge.register(pendingByAge(now), true);
			requestsByStatus.register(countsBy("select status, count(*) from access_request group by status", "status"),
					true);
			invitesByStatus.register(countsBy("select status, count(*) from invite group by status", "status"), true);
			openIncidents.register(countsBy("""
					select coalesce(d.key_, 'unknown'), count(*) from act_ru_incident i
					left join act_re_procdef d on d.id_ = i.proc_def_id_
					group by d.key_
					""", "process"), true);
			jobs.register(jobs(now), true);
			if (failing) {
				LOG.info("The work's state is read again");
				failing = false;
			}
		}
		catch (DataAccessException ex) {
			// The gauges keep their last values; readiness reports the database (db health indicator).
			if (!failing) {
				LOG.warn("Cannot read the work's state for the metrics: {}", ex.getMostSpecificCause().getMessage());
				failing = true;
			}
		}
	}

	private List<MultiGauge.Row<?>> pendingByAge(Instant now) {
		Map<String, Long> counts = new LinkedHashMap<>();
		AGES.keySet().forEach(label -> counts.put(label, 0L));
		jdbc.sql("select submitted_at from access_request where status in ('PENDING', 'AWAITING_SECOND_APPROVAL')")
			.query((row, number) -> row.getTimestamp(1).toInstant())
			.list()
			.forEach(submitted -> counts.merge(bucket(Duration.between(submitted, now)), 1L, Long::sum));
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		counts.forEach((age, count) -> rows.add(MultiGauge.Row.of(Tags.of("age", age), count)));
		return rows;
	}

	static String bucket(Duration age) {
		return AGES.entrySet()
			.stream()
			.filter(entry -> age.compareTo(entry.getValue()) < 0)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	private List<MultiGauge.Row<?>> countsBy(String sql, String tag) {
		return jdbc.sql(sql)
			.query((row, number) -> MultiGauge.Row.of(Tags.of(tag, row.getString(1)), row.getLong(2)))
			.list()
			.stream()
			.<MultiGauge.Row<?>>map(row -> row)
			.toList();
	}

	private List<MultiGauge.Row<?>> jobs(Instant now) {
		Timestamp at = Timestamp.from(now);
		long due = jdbc.sql("""
				select count(*) from act_ru_job
				where retries_ > 0 and suspension_state_ = 1 and (duedate_ is null or duedate_ <= :now)
				  and (lock_exp_time_ is null or lock_exp_time_ < :now)
				""").param("now", at).query(Long.class).single();
		long retrying = jdbc.sql("select count(*) from act_ru_job where retries_ > 0 and exception_msg_ is not null")
			.query(Long.class)
			.single();
		long failed = jdbc.sql("select count(*) from act_ru_job where retries_ = 0").query(Long.class).single();
		return List.of(MultiGauge.Row.of(Tags.of("state", "due"), due),
				MultiGauge.Row.of(Tags.of("state", "retrying"), retrying),
				MultiGauge.Row.of(Tags.of("state", "failed"), failed));
	}

	private static Map<String, Duration> ages() {
		Map<String, Duration> ages = new LinkedHashMap<>();
		ages.put("under_1d", Duration.ofDays(1));
		ages.put("1d_to_3d", Duration.ofDays(3));
		ages.put("3d_to_7d", Duration.ofDays(7));
		ages.put("7d_to_14d", Duration.ofDays(14));
		ages.put("over_14d", Duration.ofDays(Long.MAX_VALUE / 86_400 / 2));
		return ages;
	}
}
