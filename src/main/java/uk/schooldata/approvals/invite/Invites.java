package uk.schooldata.approvals.invite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Invites, their batches and tokens. Writes join the caller's transaction (the engine's, in a delegate).
 */
@Repository
class Invites {

	/** What an erased invite's MIS person id becomes. */
	static final String ERASED = "erased";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	Invites(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Invite> findById(String id) {
		return jdbc.sql("select * from invite where id = :id").param("id", id).query((row, n) -> invite(row)).optional();
	}

	/**
	 * Invites of a school, newest first; {@code null} arguments do not filter.
	 */
	List<Invite> find(String urn, InviteStatus status, SourceGroup sourceGroup) {
		return jdbc.sql("""
				select * from invite where school_urn = :urn
				  and (cast(:status as varchar) is null or status = :status)
				  and (cast(:group as varchar) is null or source_group = :group)
				order by created_at desc, display_name
				""")
			.param("urn", urn)
			.param("status", status == null ? null : status.name())
			.param("group", sourceGroup == null ? null : sourceGroup.name())
			.query((row, n) -> invite(row))
			.list();
	}

	/**
	 * The statuses of the school's invites of the group, by MIS person id: the most advanced one per person.
	 */
	Map<String, InviteStatus> openOrActiveByPerson(String urn, SourceGroup sourceGroup) {
		Map<String, InviteStatus> statuses = new HashMap<>();
		jdbc.sql("""
				select mis_person_id, status from invite where school_urn = :urn and source_group = :group
				  and status in ('PENDING', 'SENT', 'ACCEPTED', 'ACTIVE')
				""").param("urn", urn).param("group", sourceGroup.name()).query(row -> {
			InviteStatus status = InviteStatus.valueOf(row.getString("status"));
			statuses.merge(row.getString("mis_person_id"), status,
					(a, b) -> a == InviteStatus.ACTIVE || a == InviteStatus.ACCEPTED ? a : b);
		});
		return statuses;
	}

	void addBatch(String id, String urn, SourceGroup group, String invitedBy, Instant at, int invited,
			List<InviteBatch.Skipped> skipped) {
		jdbc.sql("""
				insert into invite_batch (id, school_urn, source_group, invited_by, created_at, invited, skipped)
				values (:id, :urn, :group, :by, :at, :invited, :skipped)
				""")
			.param("id", id).param("urn", urn).param("group", group.name()).param("by", invitedBy)
			.param("at", Timestamp.from(at)).param("invited", invited).param("skipped", skipped.size())
			.update();
		batch.batchUpdate("insert into invite_skip (batch_id, mis_person_id, reason) values (?, ?, ?)", skipped, 500,
				(statement, skip) -> {
					statement.setString(1, id);
					statement.setString(2, skip.personId());
					statement.setString(3, skip.reason().name());
				});
	}

	void addAll(List<Invite> invites) {
		batch.batchUpdate("""
				insert into invite (id, batch_id, school_urn, source_group, mis_person_id, display_name, email, status,
				  created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", invites, 500, (statement, invite) -> {
			statement.setString(1, invite.id());
			statement.setString(2, invite.batchId());
			statement.setString(3, invite.schoolUrn());
			statement.setString(4, invite.sourceGroup().name());
			statement.setString(5, invite.misPersonId());
			statement.setString(6, invite.displayName());
			statement.setString(7, invite.email());
			statement.setString(8, invite.status().name());
			statement.setTimestamp(9, Timestamp.from(invite.createdAt()));
		});
	}

	/**
	 * A batch with its skips and progress: one query after another, never one inside another's row mapper, so that a
	 * call outside a transaction holds one pooled connection at a time (see docs/benchmarks.md).
	 */
	Optional<InviteBatch> findBatch(String id) {
		Optional<InviteBatch> header = jdbc.sql("select * from invite_batch where id = :id")
			.param("id", id)
			.query((row, n) -> new InviteBatch(id, row.getString("school_urn"),
					SourceGroup.valueOf(row.getString("source_group")), row.getString("invited_by"),
					instant(row, "created_at"), row.getInt("invited"), List.of(), Map.of()))
			.optional();
		if (header.isEmpty()) {
			return header;
		}
		List<InviteBatch.Skipped> skipped = jdbc
			.sql("select mis_person_id, reason from invite_skip where batch_id = :id order by mis_person_id")
			.param("id", id)
			.query((skip, m) -> new InviteBatch.Skipped(skip.getString("mis_person_id"),
					SkipReason.valueOf(skip.getString("reason"))))
			.list();
		Map<InviteStatus, Integer> progress = new EnumMap<>(InviteStatus.class);
		jdbc.sql("select status, count(*) as n from invite where batch_id = :id group by status")
			.param("id", id)
			.query(count -> {
				progress.put(InviteStatus.valueOf(count.getString("status")), count.getInt("n"));
			});
		InviteBatch batch = header.get();
		return Optional.of(new InviteBatch(id, batch.schoolUrn(), batch.sourceGroup(), batch.invitedBy(),
				batch.createdAt(), batch.invited(), skipped, progress));
	}

	/**
	 * Records a freshly sent email: the token that works from now, and the new deadline.
	 */
	void markSent(String id, String email, String tokenHash, Instant sentAt, Instant expiresAt) {
		jdbc.sql("""
				update invite set status = 'SENT', email = :email, token_hash = :hash, sent_at = :sentAt,
				  expires_at = :expiresAt where id = :id
				""")
			.param("email", email).param("hash", tokenHash).param("sentAt", Timestamp.from(sentAt))
			.param("expiresAt", Timestamp.from(expiresAt)).param("id", id)
			.update();
		jdbc.sql("""
				insert into invite_token (token_hash, invite_id, issued_at, issued_by)
				select :hash, i.id, :at, coalesce(i.resend_requested_by, b.invited_by)
				from invite i left join invite_batch b on b.id = i.batch_id where i.id = :id
				""")
			.param("hash", tokenHash).param("id", id).param("at", Timestamp.from(sentAt))
			.update();
		jdbc.sql("update invite set resend_requested_by = null where id = :id").param("id", id).update();
	}

	/**
	 * How many links were issued for the invite so far: its invitations and reminders.
	 */
	int tokensIssued(String id) {
		return jdbc.sql("select count(*) from invite_token where invite_id = :id").param("id", id).query(Integer.class)
			.single();
	}

	/**
	 * Replaces the token that works with a new one, from a reminder; the deadline stays.
	 */
	void replaceToken(String id, String email, String tokenHash, Instant issuedAt) {
		jdbc.sql("update invite set email = :email, token_hash = :hash where id = :id and status = 'SENT'")
			.param("email", email).param("hash", tokenHash).param("id", id)
			.update();
		jdbc.sql("insert into invite_token (token_hash, invite_id, issued_at, reminder) values (:hash, :id, :at, true)")
			.param("hash", tokenHash).param("id", id).param("at", Timestamp.from(issuedAt))
			.update();
	}

	/**
	 * The invite a token was issued for, whether or not it still works.
	 */
	Optional<Invite> findByIssuedToken(String tokenHash) {
		return jdbc.sql("select i.* from invite_token t join invite i on i.id = t.invite_id where t.token_hash = :hash")
			.param("hash", tokenHash)
			.query((row, n) -> invite(row))
			.optional();
	}

	Optional<String> currentTokenHash(String id) {
		return jdbc.sql("select token_hash from invite where id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/**
	 * Links the external account, once: only while the token is the invite's current one and the invite is sent.
	 *
	 * @return whether this call accepted the invite
	 */
	boolean accept(String id, String tokenHash, Acceptance acceptance, Instant at) {
		return jdbc.sql("""
				update invite set status = 'ACCEPTED', token_hash = null, accepted_at = :at, external_provider = :provider,
				  external_subject = :subject, external_email = :email
				where id = :id and token_hash = :hash and status = 'SENT'
				""")
			.param("at", Timestamp.from(at)).param("provider", acceptance.provider().name())
			.param("subject", acceptance.externalSubject()).param("email", acceptance.externalEmail())
			.param("id", id).param("hash", tokenHash)
			.update() == 1;
	}

	Optional<String> linkedTo(ExternalProvider provider, String subject) {
		return jdbc.sql("select id from invite where external_provider = :provider and external_subject = :subject")
			.param("provider", provider.name()).param("subject", subject)
			.query(String.class)
			.optional();
	}

	/**
	 * Moves the invite to a new status and makes its token stop working. Into an ended status it records when and
	 * by whom; back to {@code PENDING} it records who asked for the email to go again.
	 *
	 * @param by the administrator who asked, or {@code null} when the process itself moved it (expiry, failure)
	 * @return whether the invite was in one of the expected statuses
	 */
	boolean changeStatus(String id, Set<InviteStatus> from, InviteStatus to, String by, Instant at) {
		boolean ends = !to.isOpen();
		return jdbc.sql("""
				update invite set status = :to, token_hash = null, ended_at = :endedAt, ended_by = :endedBy,
				  resend_requested_by = :resendBy
				where id = :id and status in (:from)
				""")
			.param("to", to.name()).param("id", id).param("from", from.stream().map(Enum::name).toList())
			.param("endedAt", ends ? Timestamp.from(at) : null)
			.param("endedBy", ends ? by : null)
			.param("resendBy", to == InviteStatus.PENDING ? by : null)
			.update() == 1;
	}

	/**
	 * Records the permissions an administrator assigned to an accepted invite, once.
	 *
	 * @return whether the invite was {@code ACCEPTED} and has the permissions now
	 */
	boolean recordPermissions(String id, List<Permission> permissions, String by) {
		return jdbc.sql("""
				update invite set permissions = :permissions, permissions_by = :by
				where id = :id and status = 'ACCEPTED' and permissions_by is null
				""")
			.param("permissions", String.join(",", permissions.stream().map(Enum::name).toList()))
			.param("by", by).param("id", id)
			.update() == 1;
	}

	/**
	 * An accepted invite whose permissions were assigned becomes {@code ACTIVE}.
	 *
	 * @return whether it did
	 */
	boolean activate(String id, Instant at) {
		return jdbc.sql("""
				update invite set status = 'ACTIVE', ended_at = :at
				where id = :id and status = 'ACCEPTED' and permissions_by is not null
				""")
			.param("id", id).param("at", Timestamp.from(at))
			.update() == 1;
	}

	/**
	 * Invites that ended without an account (expired, cancelled, failed) before {@code endedBefore} and still hold
	 * their invitee's personal data.
	 */
	List<String> endedWithPersonalData(Instant endedBefore) {
		return jdbc.sql("""
				select id from invite
				where status in ('EXPIRED', 'CANCELLED', 'FAILED') and ended_at < :before
				  and personal_data_erased_at is null
				""")
			.param("before", Timestamp.from(endedBefore))
			.query(String.class)
			.list();
	}

	/**
	 * Erases the invitee's name, email addresses, MIS id and external account of an invite that ended without an
	 * account; the name becomes its group's {@link SourceGroup#erasedName()}, so the invite still reads as what it
	 * was. Its status, times and who sent and ended it stay.
	 *
	 * @return whether it was erased now
	 */
	boolean erasePersonalData(String id, Instant at) {
		return jdbc.sql("""
				update invite set display_name = case source_group when 'STAFF' then :staff when 'STUDENTS' then :students
				    else :parents end,
				  email = null, mis_person_id = :erased, external_subject = null, external_email = null,
				  personal_data_erased_at = :at
				where id = :id and status in ('EXPIRED', 'CANCELLED', 'FAILED') and personal_data_erased_at is null
				""")
			.param("staff", SourceGroup.STAFF.erasedName())
			.param("students", SourceGroup.STUDENTS.erasedName())
			.param("parents", SourceGroup.PARENTS.erasedName())
			.param("erased", ERASED)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Forgets who a batch skipped and why, once the batch is older than {@code createdBefore}; its counts stay.
	 *
	 * @return how many skipped people were forgotten
	 */
	int eraseSkips(Instant createdBefore) {
		return jdbc.sql("""
				delete from invite_skip
				where batch_id in (select id from invite_batch where created_at < :before)
				""")
			.param("before", Timestamp.from(createdBefore))
			.update();
	}

	/**
	 * Binds the invite to the {@code user-invite} instance that works on it now (a reinvite after expiry starts a
	 * new one).
	 */
	void bind(String id, String processInstanceId) {
		jdbc.sql("update invite set process_instance_id = :instance where id = :id")
			.param("instance", processInstanceId)
			.param("id", id)
			.update();
	}

	Optional<String> instanceOf(String id) {
		return jdbc.sql("select process_instance_id from invite where id = :id and process_instance_id is not null")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/**
	 * The invite the process instance works on; never found through a variable.
	 *
	 * @throws IllegalStateException when the instance is bound to no invite
	 */
	Invite boundTo(String processInstanceId) {
		return jdbc.sql("select * from invite where process_instance_id = :instance")
			.param("instance", processInstanceId)
			.query((row, n) -> invite(row))
			.optional()
			.orElseThrow(() -> new IllegalStateException("Process instance " + processInstanceId
					+ " is bound to no invite: only an invitation made through the invite API starts one."));
	}

	/**
	 * Claims the start of the invite's {@code user-invite} instance, in the starting transaction.
	 *
	 * @return whether this call claimed it; {@code false} when it has been started already
	 */
	boolean claimStart(String id) {
		return jdbc.sql("update invite set process_started = true where id = :id and process_started = false")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Lets an invite whose process has ended (expired, failed) be started again.
	 */
	void releaseStart(String id) {
		jdbc.sql("update invite set process_started = false where id = :id").param("id", id).update();
	}

	void bindBatch(String batchId, String processInstanceId) {
		jdbc.sql("update invite_batch set process_instance_id = :instance where id = :id and process_instance_id is null")
			.param("instance", processInstanceId)
			.param("id", batchId)
			.update();
	}

	/**
	 * The batch the {@code invite-batch} instance works on; never found through a variable.
	 *
	 * @throws IllegalStateException when the instance is bound to no batch
	 */
	String batchBoundTo(String processInstanceId) {
		return jdbc.sql("select id from invite_batch where process_instance_id = :instance")
			.param("instance", processInstanceId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("Process instance " + processInstanceId
					+ " is bound to no invite batch: only a batch recorded through the invite API starts one."));
	}

	int countInBatch(String batchId) {
		return jdbc.sql("select count(*) from invite where batch_id = :batch")
			.param("batch", batchId)
			.query(Integer.class)
			.single();
	}

	/**
	 * The invites of one chunk of the batch, in a fixed order: the same chunk holds the same invites on every retry.
	 */
	List<Invite> chunkOfBatch(String batchId, int chunk, int chunkSize) {
		return jdbc.sql("""
				select * from invite where batch_id = :batch order by id offset :offset rows fetch next :size rows only
				""")
			.param("batch", batchId)
			.param("offset", Math.max(chunk, 0) * chunkSize)
			.param("size", chunkSize)
			.query((row, n) -> invite(row))
			.list();
	}

	List<String> expiredIds(String urn) {
		return jdbc.sql("select id from invite where school_urn = :urn and status = 'EXPIRED' order by created_at")
			.param("urn", urn)
			.query(String.class)
			.list();
	}

	/**
	 * The schools with expired invitations their administrators have not been told about yet.
	 */
	List<String> schoolsWithUnnoticedExpiries() {
		return jdbc.sql("""
				select distinct school_urn from invite
				where status = 'EXPIRED' and expiry_noticed_at is null order by school_urn
				""").query(String.class).list();
	}

	List<Invite> unnoticedExpiries(String urn) {
		return jdbc.sql("""
				select * from invite where school_urn = :urn and status = 'EXPIRED' and expiry_noticed_at is null
				order by source_group, display_name
				""").param("urn", urn).query((row, n) -> invite(row)).list();
	}

	void markExpiryNoticed(List<String> ids, Instant at) {
		for (String id : ids) {
			jdbc.sql("update invite set expiry_noticed_at = :at where id = :id")
				.param("at", Timestamp.from(at))
				.param("id", id)
				.update();
		}
	}

	private static Invite invite(ResultSet row) throws SQLException {
		String provider = row.getString("external_provider");
		String permissions = row.getString("permissions");
		return new Invite(row.getString("id"), row.getString("batch_id"), row.getString("school_urn"),
				SourceGroup.valueOf(row.getString("source_group")), row.getString("mis_person_id"),
				row.getString("display_name"), row.getString("email"), InviteStatus.valueOf(row.getString("status")),
				instant(row, "created_at"), instant(row, "sent_at"), instant(row, "expires_at"),
				instant(row, "accepted_at"), provider == null ? null : ExternalProvider.valueOf(provider),
				row.getString("external_subject"),
				permissions == null || permissions.isBlank() ? List.of()
						: Arrays.stream(permissions.split(",")).map(Permission::valueOf).toList(),
				row.getString("permissions_by"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
