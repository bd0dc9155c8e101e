package uk.schooldata.approvals.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision record: append-only, one hash chain per school. Each record's hash covers its own fields and its
 * predecessor's hash, so changing, removing or reordering a record breaks the chain at that record.
 * <p>
 * One chain per school rather than one for the platform: a school's administrators can check their own school's
 * record without reading any other school's, a school's record can be handed over on its own (to the school, or to a
 * regulator asking about it), and decisions at different schools never wait for each other. Appending locks the
 * school's row for the rest of the decision's transaction, so a school's records take their places one at a time.
 */
@Repository
public class DecisionLedger {

	/** The predecessor of each school's first record. */
	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;

	DecisionLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends the decision to its school's chain, in the transaction that records the decision itself: if that rolls
	 * back, so does the record.
	 */
	@Transactional
	public void append(LedgerEntry decision) {
		String urn = decision.schoolUrn();
		jdbc.sql("select urn from school where urn = :urn for update").param("urn", urn).query(String.class).single();
		Optional<Link> last = jdbc.sql("""
				select position, hash from decision_record where school_urn = :urn
				order by position desc fetch first 1 rows only
				""")
			.param("urn", urn)
			.query((row, number) -> new Link(row.getLong("position"), row.getString("hash")))
			.optional();
		Record record = new Record(UUID.randomUUID().toString(), urn, last.map(Link::position).orElse(0L) + 1,
				decision.kind().name(), decision.subject(), decision.appId(), decision.detail(), decision.actor(),
				decision.reason(), decision.at().truncatedTo(ChronoUnit.MILLIS),
				last.map(Link::hash).orElse(GENESIS));
		jdbc.sql("""
				insert into decision_record (id, school_urn, position, kind, subject, app_id, detail, actor, reason,
				  recorded_at, previous_hash, hash)
				values (:id, :urn, :position, :kind, :subject, :appId, :detail, :actor, :reason, :at, :previous, :hash)
				""")
			.param("id", record.id())
			.param("urn", urn)
			.param("position", record.position())
			.param("kind", record.kind())
			.param("subject", record.subject())
			.param("appId", record.appId())
			.param("detail", record.detail())
			.param("actor", record.actor())
			.param("reason", record.reason())
			.param("at", Timestamp.from(record.recordedAt()))
			.param("previous", record.previousHash())
			.param("hash", record.hash())
			.update();
	}

	/**
	 * Checks every school's chain, or only the given schools', reading the records one at a time.
	 *
	 * @param schoolUrns the schools to check; empty for every school
	 */
	@Transactional(readOnly = true)
	public ChainReport verify(List<String> schoolUrns) {
		Walk walk = new Walk();
		String where = schoolUrns.isEmpty() ? "" : "where school_urn in (:urns)";
		var statement = jdbc.sql("select * from decision_record " + where + " order by school_urn, position");
		if (!schoolUrns.isEmpty()) {
			statement = statement.param("urns", schoolUrns);
		}
		statement.query((RowCallbackHandler) row -> walk.check(Record.of(row)));
		return walk.report();
	}

	private record Link(long position, String hash) {
	}

	/**
	 * Walks the records in chain order, school by school, remembering the first break of each school's chain.
	 */
	private static final class Walk {

		private final List<ChainReport.Break> breaks = new ArrayList<>();

		private String school;

		private long expectedPosition;

		private String previousHash;

		private boolean broken;

		private int schools;

		private long records;

		void check(Record record) {
			if (!record.schoolUrn().equals(school)) {
				school = record.schoolUrn();
				expectedPosition = 1;
				previousHash = GENESIS;
				broken = false;
				schools++;
			}
			records++;
			if (!broken) {
				problem(record).ifPresent(problem -> {
					breaks.add(new ChainReport.Break(school, Math.min(record.position(), expectedPosition),
							record.position() == expectedPosition ? record.id() : null, problem));
					broken = true;
				});
			}
			expectedPosition = record.position() + 1;
			previousHash = record.storedHash();
		}

		private Optional<String> problem(Record record) {
			if (record.position() > expectedPosition) {
				return Optional.of("Record " + expectedPosition + " of school " + school + " is missing: it was "
						+ "deleted after it was recorded.");
			}
			if (!record.hash().equals(record.storedHash())) {
				return Optional.of("Record " + record.position() + " of school " + school + " (" + describe(record)
						+ ") was changed after it was recorded: its contents no longer match its hash.");
			}
			if (!record.previousHash().equals(previousHash)) {
				return Optional.of("Record " + record.position() + " of school " + school + " (" + describe(record)
						+ ") does not follow the record before it: that record was changed or replaced.");
			}
			return Optional.empty();
		}

		private static String describe(Record record) {
			return record.kind().toLowerCase().replace('_', ' ') + " by " + record.actor() + " on "
					+ record.recordedAt();
		}

		ChainReport report() {
			return new ChainReport(breaks.isEmpty(), schools, records, List.copyOf(breaks));
		}
	}

	/**
	 * A record as stored; {@link #hash()} computes what its hash should be, {@link #storedHash()} is what the row says.
	 */
	private record Record(String id, String schoolUrn, long position, String kind, String subject, String appId,
			String detail, String actor, String reason, Instant recordedAt, String previousHash, String storedHash) {

		Record(String id, String schoolUrn, long position, String kind, String subject, String appId, String detail,
				String actor, String reason, Instant recordedAt, String previousHash) {
			this(id, schoolUrn, position, kind, subject, appId, detail, actor, reason, recordedAt, previousHash, null);
		}

		static Record of(ResultSet row) throws SQLException {
			return new Record(row.getString("id"), row.getString("school_urn"), row.getLong("position"),
					row.getString("kind"), row.getString("subject"), row.getString("app_id"), row.getString("detail"),
					row.getString("actor"), row.getString("reason"), row.getTimestamp("recorded_at").toInstant(),
					row.getString("previous_hash"), row.getString("hash"));
		}

		/**
		 * SHA-256 of every field, each prefixed with its length so that no two different records hash the same text.
		 */
		String hash() {
			StringBuilder text = new StringBuilder();
			for (Object field : new Object[] { id, schoolUrn, position, kind, subject, appId, detail, actor, reason,
					recordedAt.toEpochMilli(), previousHash }) {
				String value = field == null ? null : field.toString();
				text.append(value == null ? "-" : value.length() + ":" + value).append('|');
			}
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java runtime has SHA-256", ex);
			}
		}
	}
}
