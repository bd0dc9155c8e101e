package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.TestPorts;
import uk.schooldata.approvals.TestServers;
import uk.schooldata.approvals.audit.AuditEvents;
import uk.schooldata.approvals.audit.AuditQuery;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.invite.InviteScenario.School;
import uk.schooldata.approvals.mis.MisUnavailableException;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.simulator.MisSimulator;
import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.web.Refusal;

/**
 * One test per path through {@code user-invite}, the job executor off and the engine clock driven by the test; the
 * invitees' mailboxes are GreenMail, and every acceptance uses the token from the link in the email received.
 */
@ProcessTest
class UserInviteProcessTests {

	static GreenMail smtp = TestServers.mail();

	@Autowired
	ProcessEngine engine;

	@Autowired
	InviteScenario scenario;

	@Autowired
	InviteService service;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	IdentityService identityService;

	@Autowired
	SchoolIdentities schoolIdentities;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	MisSimulator misSimulator;

	@Autowired
	JavaMailSenderImpl mailSender;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DecisionLedger ledger;

	@Autowired
	AuditEvents auditEvents;

	@Autowired
	HistoryService historyService;

	School school;

	@BeforeEach
	void anOnboardedSchool() {
		TestServers.clear();
		AbstractAssertions.init(engine);
		school = scenario.anOnboardedSchool();
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void sendsTheInvitationAndAfterAcceptanceAndPermissionsTheAccountIsActive() throws Exception {
		StaffMember teacher = scenario.aStaffMemberWithEmail(school.urn());
		Invite invite = inviteOne(SourceGroup.STAFF, teacher.id());
		ProcessInstance instance = instanceOf(invite);
		assertThat(instance).isWaitingAt(UserInviteProcess.SEND_INVITATION);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.PENDING);

		scenario.runJobs(instance.getId());

		assertThat(instance).isWaitingAt(UserInviteProcess.AWAIT_ANSWER);
		MimeMessage email = lastEmailTo(teacher.email());
		assertThat(email.getSubject()).isEqualTo("Hillside Academy invites you to its online services");
		assertThat(InviteScenario.text(email, "text/html")).contains("Accept the invitation").contains("href=");
		Invite sent = service.find(invite.id()).orElseThrow();
		assertThat(sent.status()).isEqualTo(InviteStatus.SENT);
		assertThat(sent.email()).isEqualTo(teacher.email());
		assertThat(Duration.between(sent.sentAt(), sent.expiresAt())).isEqualTo(Duration.ofDays(14));

		Invite accepted = service.accept(InviteScenario.tokenIn(email), google("g-" + invite.id()));

		assertThat(accepted.status()).isEqualTo(InviteStatus.ACCEPTED);
		assertThat(accepted.permissions()).isEmpty();
		assertThat(accepted.externalProvider()).isEqualTo(ExternalProvider.GOOGLE);
		assertThat(instance).isWaitingAt(UserInviteProcess.ASSIGN_PERMISSIONS);
		Task task = assignPermissionsTask(instance);
		assertThat(task.getName()).isEqualTo("Assign permissions: " + invite.displayName() + " (staff)");
		assertThat(task.getDescription()).isEqualTo("Hillside Academy: the account has no permissions until you "
				+ "assign them");
		String options = taskService.getVariable(task.getId(), UserInviteProcess.PERMISSION_OPTIONS).toString();
		assertThat(JsonPath.<List<String>>read(options, "$[*].value")).as("the form offers only what fits staff")
			.containsExactly("ADMINISTRATOR", "REVIEWER", "CHOICES");
		assertThat(JsonPath.<List<String>>read(options, "$[*].label"))
			.containsExactly("Administrator", "Reviewer", "Choices");
		assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(
				link -> assertThat(link.getGroupId()).isEqualTo("school-admins"));
		assertThat(task.getTenantId()).isEqualTo(school.urn());

		scenario.complete(task, school.administrator(), permissions("REVIEWER", "CHOICES"));

		assertThat(instance).isEnded().hasPassed(UserInviteProcess.ACTIVE);
		Invite active = service.find(invite.id()).orElseThrow();
		assertThat(active.status()).isEqualTo(InviteStatus.ACTIVE);
		assertThat(active.permissions()).containsExactly(Permission.REVIEWER, Permission.CHOICES);
		assertThat(active.permissionsBy()).isEqualTo(school.administrator());
		assertThat(decisionRecordOf(invite)).containsExactly(
				List.of("PERMISSIONS_ASSIGNED", school.administrator(), "REVIEWER, CHOICES"));
		assertThat(ledger.verify(List.of(school.urn())).intact()).isTrue();
	}

	@Test
	void theAuditTimelineTellsAnInvitationFromSendingToPermissionsWithWhoDidWhat() throws Exception {
		String deputy = aSecondAdministrator();
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		managementService.executeJob(timer(instance, UserInviteProcess.REMINDER_DUE).getId());
		scenario.runJobs(instance.getId());
		service.reinvite(invite.id(), deputy);
		scenario.runJobs(instance.getId());
		service.accept(InviteScenario.tokenIn(lastEmailTo(invite.email())), google("g-" + invite.id()));
		scenario.complete(assignPermissionsTask(instance), school.administrator(), permissions("REVIEWER", "CHOICES"));

		assertThat(timelineOf(invite)).containsExactly(
				List.of("INVITE_SENT", school.administrator(), invite.displayName(), "-", "-"),
				List.of("INVITE_REMINDER_SENT", "system", invite.displayName(), "-",
						"no answer yet; the link was renewed"),
				List.of("INVITE_RESENT", deputy, invite.displayName(), "-", "-"),
				List.of("INVITE_ACCEPTED", invite.displayName(), invite.displayName(), "linked a GOOGLE account", "-"),
				List.of("PERMISSIONS_ASSIGNED", school.administrator(), invite.displayName(),
						"permissions: REVIEWER, CHOICES", "-"));
	}

	@Test
	void theAuditTimelineTellsHowInvitationsEndedWithoutAnAccount() {
		String deputy = aSecondAdministrator();
		Invite cancelled = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		service.cancel(cancelled.id(), deputy);
		Invite expired = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		managementService.executeJob(timer(instanceOf(expired), UserInviteProcess.INVITATION_EXPIRED).getId());
		Invite failed = inviteOne(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		scenario.pointAt(failed.id(), scenario.aStaffMemberWithoutEmail(school.urn()).id());
		scenario.runJobs(instanceOf(failed).getId());

		assertThat(timelineOf(cancelled)).extracting(event -> event.get(0) + " by " + event.get(1))
			.containsExactly("INVITE_SENT by " + school.administrator(),
					"INVITE_CANCELLED by " + deputy);
		assertThat(timelineOf(expired)).last()
			.isEqualTo(List.of("INVITE_EXPIRED", "system", expired.displayName(), "-",
					"not accepted before the link expired"));
		assertThat(timelineOf(failed)).containsExactly(List.of("INVITE_FAILED", "system", failed.displayName(), "-",
				"the MIS had no email address for the person, or no longer the right to contact them"));
	}

	@Test
	void erasesTheInviteesPersonalDataAfterTheRetentionAndTheTimelineStillReads() throws Exception {
		Invite expired = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance expiredInstance = instanceOf(expired);
		managementService.executeJob(timer(expiredInstance, UserInviteProcess.INVITATION_EXPIRED).getId());
		Invite cancelled = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		service.cancel(cancelled.id(), school.administrator());
		Invite active = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance activeInstance = instanceOf(active);
		scenario.complete(assignPermissionsTask(activeInstance), school.administrator(), permissions("CHOICES"));
		InviteBatch skipping = service.invite(school.urn(), new InviteRequest(SourceGroup.STAFF,
				List.of(scenario.aStaffMemberWithoutEmail(school.urn()).id()), null), school.administrator());
		assertThat(skipping.skipped()).hasSize(1);
		Instant ended = Instant.now();

		ClockUtil.setCurrentTime(Date.from(ended.plus(Duration.ofDays(89))));
		runTheNightlyErasure();
		assertThat(service.find(expired.id()).orElseThrow().displayName()).isEqualTo(expired.displayName());

		ClockUtil.setCurrentTime(Date.from(ended.plus(Duration.ofDays(91))));
		runTheNightlyErasure();

		for (Invite gone : List.of(expired, cancelled)) {
			Invite erased = service.find(gone.id()).orElseThrow();
			assertThat(erased.displayName()).isEqualTo("Former member of staff");
			assertThat(erased.email()).isNull();
			assertThat(erased.misPersonId()).isEqualTo("erased");
			assertThat(erased.externalSubject()).isNull();
			assertThat(erased.status()).isEqualTo(gone.status() == InviteStatus.ACCEPTED ? InviteStatus.CANCELLED
					: InviteStatus.EXPIRED);
			assertThat(erased.sentAt()).isEqualTo(gone.sentAt());
		}
		assertThat(jdbc.sql("select external_email from invite where id = :id").param("id", cancelled.id())
			.query(String.class).optional()).isEmpty();
		Invite stillActive = service.find(active.id()).orElseThrow();
		assertThat(stillActive.displayName()).as("an active invite's data is its account's, kept while it exists")
			.isEqualTo(active.displayName());
		assertThat(stillActive.email()).isEqualTo(active.email());
		assertThat(stillActive.externalSubject()).isEqualTo(active.externalSubject());
		assertThat(service.batch(skipping.id()).orElseThrow().skipped()).as("who was skipped is forgotten").isEmpty();
		assertThat(jdbc.sql("select skipped from invite_batch where id = :id").param("id", skipping.id())
			.query(Integer.class).single()).as("how many stays").isOne();
		assertThat(inviteeNamesInHistory(expiredInstance)).isEmpty();
		assertThat(inviteeNamesInHistory(activeInstance)).containsExactly(active.displayName());
		assertThat(timelineOf(cancelled)).extracting(event -> event.get(0) + ": " + event.get(1) + " / " + event.get(2))
			.containsExactly("INVITE_SENT: " + school.administrator() + " / Former member of staff",
					"INVITE_ACCEPTED: Former member of staff / Former member of staff",
					"INVITE_CANCELLED: " + school.administrator() + " / Former member of staff");
		assertThat(jdbc.sql("""
				select count(*) from invite where school_urn = :urn and id <> :active
				  and (display_name in (:names) or email in (:emails))
				""")
			.param("urn", school.urn())
			.param("active", active.id())
			.param("names", List.of(expired.displayName(), cancelled.displayName()))
			.param("emails", List.of(expired.email(), cancelled.email()))
			.query(Long.class).single()).as("nothing of theirs left in the school's invites").isZero();
	}

	private String aSecondAdministrator() {
		return schoolIdentities.addAdministrator(school.urn(), "deputy-" + school.urn() + "@hillside.example");
	}

	private void runTheNightlyErasure() {
		Job timer = managementService.createJobQuery().processDefinitionKey(InviteeDataErasureProcess.KEY).timers()
			.singleResult();
		managementService.executeJob(timer.getId());
		historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey(InviteeDataErasureProcess.KEY)
			.unfinished()
			.list()
			.forEach(erasure -> scenario.runJobs(erasure.getId()));
	}

	private List<String> inviteeNamesInHistory(ProcessInstance instance) {
		return historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName(UserInviteProcess.INVITEE_NAME)
			.list()
			.stream()
			.map(variable -> (String) variable.getValue())
			.toList();
	}

	/**
	 * The invite's events in the audit timeline: type, actor, subject, decision, reason ({@code -} for none).
	 */
	private List<List<String>> timelineOf(Invite invite) {
		return auditEvents.page(new AuditQuery(List.of(school.urn()), null, Set.of(), null, null), 0, 200)
			.events()
			.stream()
			.filter(event -> invite.id().equals(event.subjectId()))
			.map(event -> List.of(event.type().name(), event.actor(), event.subject(),
					event.decision() == null ? "-" : event.decision(), event.reason() == null ? "-" : event.reason()))
			.toList();
	}

	/**
	 * The invite's entries in the school's decision record: kind, actor, detail.
	 */
	private List<List<String>> decisionRecordOf(Invite invite) {
		return jdbc.sql("select kind, actor, detail from decision_record where subject = :id order by position")
			.param("id", invite.id())
			.query((row, number) -> List.of(row.getString("kind"), row.getString("actor"), row.getString("detail")))
			.list();
	}

	@Test
	void aUsedTokenIsGoneAndAnUnknownOneIsNotFound() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		String token = InviteScenario.tokenIn(lastEmailTo(invite.email()));
		service.accept(token, google("g-used-" + invite.id()));

		assertRefused(() -> service.accept(token, google("g-other-" + invite.id())), InvitationGoneException.class);
		assertRefused(() -> service.accept(InviteTokens.token("a key only this test knows, not the application's", "none", 1),
				google("g-none")), InvitationNotFoundException.class);
	}

	@Test
	void anExternalAccountLinkedToAnotherPersonIsAConflict() throws Exception {
		Invite first = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		Student student = scenario.aStudentWithEmail(school.urn());
		Invite second = sentInvite(SourceGroup.STUDENTS, student.id());
		service.accept(InviteScenario.tokenIn(lastEmailTo(first.email())), google("shared-" + first.id()));

		assertRefused(() -> service.accept(InviteScenario.tokenIn(lastEmailTo(second.email())),
				google("shared-" + first.id())), ExternalAccountLinkedException.class);
		assertThat(service.find(second.id()).orElseThrow().status()).isEqualTo(InviteStatus.SENT);
	}

	@Test
	void aReinviteSendsANewTokenAndTheOldOneIsGone() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		String oldToken = InviteScenario.tokenIn(lastEmailTo(invite.email()));

		service.reinvite(invite.id(), "admin");

		assertRefused(() -> service.accept(oldToken, google("g-early-" + invite.id())), InvitationGoneException.class);
		assertThat(instance).isWaitingAt(UserInviteProcess.SEND_INVITATION);
		scenario.runJobs(instance.getId());
		String newToken = InviteScenario.tokenIn(lastEmailTo(invite.email()));
		assertThat(newToken).isNotEqualTo(oldToken);
		assertRefused(() -> service.accept(oldToken, google("g-old-" + invite.id())), InvitationGoneException.class);

		service.accept(newToken, google("g-new-" + invite.id()));

		assertThat(instance).isWaitingAt(UserInviteProcess.ASSIGN_PERMISSIONS);
	}

	@Test
	void aCancelledInviteEndsAndItsTokenIsGoneAtOnce() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		String token = InviteScenario.tokenIn(lastEmailTo(invite.email()));

		service.cancel(invite.id(), "admin");

		assertThat(instance).isEnded().hasPassed(UserInviteProcess.CANCELLED);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.CANCELLED);
		assertRefused(() -> service.accept(token, google("g-" + invite.id())), InvitationGoneException.class);
	}

	@Test
	void anInviteNotYetSentCanBeCancelled() {
		Invite invite = inviteOne(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);

		service.cancel(invite.id(), "admin");

		assertThat(instance).isEnded().hasPassed(UserInviteProcess.CANCELLED);
		assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
	}

	@Test
	void expiresFourteenDaysAfterSendingAndCanThenBeSentAgain() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		String token = InviteScenario.tokenIn(lastEmailTo(invite.email()));
		Job expiry = timer(instance, UserInviteProcess.INVITATION_EXPIRED);
		assertThat(Duration.between(service.find(invite.id()).orElseThrow().sentAt(), expiry.getDuedate().toInstant()))
			.isBetween(Duration.ofDays(14), Duration.ofDays(14).plusSeconds(5));

		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(14)).plusSeconds(60)));
		assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).executable().timers().list())
			.extracting(Job::getId).contains(expiry.getId());
		managementService.executeJob(expiry.getId());

		assertThat(instance).isEnded().hasPassed(UserInviteProcess.EXPIRED);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.EXPIRED);
		assertRefused(() -> service.accept(token, google("g-" + invite.id())), InvitationGoneException.class);
		assertThat(service.list(school.urn(), InviteStatus.EXPIRED, SourceGroup.STAFF)).extracting(Invite::id)
			.containsExactly(invite.id());

		assertThat(service.reinviteExpired(school.urn(), "admin")).isEqualTo(1);
		ProcessInstance again = instanceOf(invite);
		scenario.runJobs(again.getId());
		assertThat(again).isWaitingAt(UserInviteProcess.AWAIT_ANSWER);
		service.accept(InviteScenario.tokenIn(lastEmailTo(invite.email())), google("g-again-" + invite.id()));
		assertThat(again).isWaitingAt(UserInviteProcess.ASSIGN_PERMISSIONS);
	}

	@Test
	void theMorningDigestTellsTheAdministratorsOfExpiredInvitationsOnce() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		managementService.executeJob(timer(instance, UserInviteProcess.INVITATION_EXPIRED).getId());
		int before = smtp.getReceivedMessagesForDomain(school.administrator()).length;

		runTheMorningDigest();
		runTheMorningDigest();

		MimeMessage[] toAdministrator = smtp.getReceivedMessagesForDomain(school.administrator());
		assertThat(toAdministrator).hasSize(before + 1);
		MimeMessage digest = toAdministrator[toAdministrator.length - 1];
		assertThat(digest.getSubject()).isEqualTo("Invitations expired without an answer: 1");
		assertThat(GreenMailUtil.getBody(digest)).contains(invite.displayName()).contains("reinvite-expired");
	}

	@Test
	void aDigestRetriedAfterOneAdministratorCouldNotBeMailedReachesTheOthersOnce() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		managementService.executeJob(timer(instanceOf(invite), UserInviteProcess.INVITATION_EXPIRED).getId());
		String bursar = schoolIdentities.addAdministrator(school.urn(), "zz-bursar-" + school.urn() + "@hillside.example");
		User unreachable = identityService.createUserQuery().userId(bursar).singleResult();
		unreachable.setEmail("zz bursar@@hillside.example");
		identityService.saveUser(unreachable);
		Job morning = managementService.createJobQuery()
			.processDefinitionKey(ExpiredInvitesDigestProcess.KEY)
			.timers()
			.singleResult();
		managementService.executeJob(morning.getId());
		String digest = runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(ExpiredInvitesDigestProcess.KEY)
			.singleResult()
			.getId();
		Job forThisSchool = managementService.createJobQuery().processInstanceId(digest).singleResult();

		assertThatThrownBy(() -> managementService.executeJob(forThisSchool.getId()))
			.isInstanceOf(MailException.class);
		unreachable.setEmail(bursar);
		identityService.saveUser(unreachable);
		managementService.executeJob(forThisSchool.getId());

		assertThat(digestsTo(school.administrator())).isOne();
		assertThat(digestsTo(bursar)).isOne();
	}

	private long digestsTo(String address) throws Exception {
		long digests = 0;
		for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
			if (message.getSubject().startsWith("Invitations expired without an answer")) {
				digests++;
			}
		}
		return digests;
	}

	/**
	 * Runs the daily digest now, as its 07:00 timer would: the timer job starts an instance, whose jobs (one per
	 * school) then run.
	 */
	private void runTheMorningDigest() {
		Job morning = managementService.createJobQuery()
			.processDefinitionKey(ExpiredInvitesDigestProcess.KEY)
			.timers()
			.singleResult();
		assertThat(morning.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime())
			.as("app.invite.digest-cron").isEqualTo(LocalTime.of(7, 0));
		managementService.executeJob(morning.getId());
		runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(ExpiredInvitesDigestProcess.KEY)
			.list()
			.forEach(digest -> scenario.runJobs(digest.getId()));
	}

	@Test
	void remindsWithAFreshLinkBeforeTheExpiryWhichDoesNotMove() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		String firstToken = InviteScenario.tokenIn(lastEmailTo(invite.email()));
		Instant expiresAt = service.find(invite.id()).orElseThrow().expiresAt();
		Job reminder = timer(instance, UserInviteProcess.REMINDER_DUE);
		Job expiry = timer(instance, UserInviteProcess.INVITATION_EXPIRED);
		assertThat(reminder.getDuedate()).isBefore(expiry.getDuedate());

		managementService.executeJob(reminder.getId());
		scenario.runJobs(instance.getId());

		MimeMessage email = lastEmailTo(invite.email());
		assertThat(email.getSubject()).startsWith("Reminder: ");
		assertThat(instance).isWaitingAt(UserInviteProcess.AWAIT_ANSWER);
		assertThat(timer(instance, UserInviteProcess.INVITATION_EXPIRED).getId()).isEqualTo(expiry.getId());
		assertThat(service.find(invite.id()).orElseThrow().expiresAt()).isEqualTo(expiresAt);
		assertRefused(() -> service.accept(firstToken, google("g-first-" + invite.id())), InvitationGoneException.class);
		service.accept(InviteScenario.tokenIn(email), google("g-reminded-" + invite.id()));
		assertThat(instance).isWaitingAt(UserInviteProcess.ASSIGN_PERMISSIONS);
	}

	@Test
	void aReminderDueWhenTheInviteIsAcceptedMeanwhileIsNotSent() throws Exception {
		Invite invite = sentInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		managementService.executeJob(timer(instance, UserInviteProcess.REMINDER_DUE).getId());
		service.accept(InviteScenario.tokenIn(lastEmailTo(invite.email())), google("g-" + invite.id()));
		int emails = smtp.getReceivedMessagesForDomain(invite.email()).length;

		scenario.runJobs(instance.getId());

		assertThat(smtp.getReceivedMessagesForDomain(invite.email())).hasSize(emails);
		assertThat(instance).isWaitingAt(UserInviteProcess.ASSIGN_PERMISSIONS);
	}

	@Test
	void failsVisiblyWhenTheMisHasNoEmailAddressAtSendingTime() {
		Invite invite = inviteOne(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(invite);
		// The email address went between the batch and the send: simulated by pointing the invite at a person
		// without one.
		scenario.pointAt(invite.id(), scenario.aStaffMemberWithoutEmail(school.urn()).id());

		scenario.runJobs(instance.getId());

		assertThat(instance).isEnded().hasPassed(UserInviteProcess.FAILED);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.FAILED);
	}

	@Test
	void anOutageAtSendingTimeIsRetriedThenAnIncidentAndTheInvitationIsSentOnceResolved() throws Exception {
		StaffMember teacher = scenario.aStaffMemberWithEmail(school.urn());
		Invite invite = inviteOne(SourceGroup.STAFF, teacher.id());
		ProcessInstance instance = instanceOf(invite);
		Job send = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
		misSimulator.failWith(1.0);
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				assertThatThrownBy(() -> managementService.executeJob(send.getId()))
					.isInstanceOf(MisUnavailableException.class)
					.hasMessageContaining("503");
			}
		}
		finally {
			misSimulator.reset();
		}

		assertThat(managementService.createJobQuery().jobId(send.getId()).singleResult().getRetries()).isZero();
		assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.PENDING);
		assertThat(smtp.getReceivedMessagesForDomain(teacher.email())).isEmpty();

		managementService.setJobRetries(send.getId(), 1);
		managementService.executeJob(send.getId());

		assertThat(instance).isWaitingAt(UserInviteProcess.AWAIT_ANSWER);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.SENT);
		assertThat(InviteScenario.tokenIn(lastEmailTo(teacher.email()))).isNotBlank();
	}

	@Test
	void anSmtpOutageIsRetriedThenAnIncidentAndTheInvitationIsSentOnceTheServerIsBack() throws Exception {
		StaffMember teacher = scenario.aStaffMemberWithEmail(school.urn());
		Invite invite = inviteOne(SourceGroup.STAFF, teacher.id());
		ProcessInstance instance = instanceOf(invite);
		Job send = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
		int smtpPort = mailSender.getPort();
		mailSender.setPort(TestPorts.free());
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				assertThatThrownBy(() -> managementService.executeJob(send.getId()))
					.isInstanceOf(MailException.class)
					.hasMessageContaining("Connection refused");
			}
		}
		finally {
			mailSender.setPort(smtpPort);
		}

		assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.PENDING);

		managementService.setJobRetries(send.getId(), 1);
		managementService.executeJob(send.getId());

		assertThat(instance).isWaitingAt(UserInviteProcess.AWAIT_ANSWER);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.SENT);
		assertThat(InviteScenario.tokenIn(lastEmailTo(teacher.email()))).isNotBlank();
	}

	/**
	 * A port on this machine where nothing listens: the SMTP server is down.
	 */

	@Test
	void refusesNoPermissionsAndPermissionsThatDoNotFitTheSourceGroup() throws Exception {
		Invite staff = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		Task staffTask = assignPermissionsTask(instanceOf(staff));

		assertRefusedTask(staffTask, permissions(), "at least one");
		assertRefusedTask(staffTask, permissions("STUDENT"), "STUDENT");
		assertRefusedTask(staffTask, permissions("PARENT", "ADMINISTRATOR"), "PARENT");
		assertRefusedTask(staffTask, permissions("OWNER"), "not a permission");
		assertThat(decisionRecordOf(staff)).as("refusals record nothing").isEmpty();
		scenario.complete(staffTask, school.administrator(), permissions("ADMINISTRATOR"));
		assertThat(service.find(staff.id()).orElseThrow().permissions()).containsExactly(Permission.ADMINISTRATOR);

		Invite student = acceptedInvite(SourceGroup.STUDENTS, scenario.aStudentWithEmail(school.urn()).id());
		Task studentTask = assignPermissionsTask(instanceOf(student));
		assertRefusedTask(studentTask, permissions("ADMINISTRATOR"), "ADMINISTRATOR");
		assertRefusedTask(studentTask, permissions("REVIEWER", "STUDENT"), "REVIEWER");
		assertRefusedTask(studentTask, permissions("PARENT"), "PARENT");
		scenario.complete(studentTask, school.administrator(), permissions("STUDENT", "CHOICES"));
		assertThat(service.find(student.id()).orElseThrow().status()).isEqualTo(InviteStatus.ACTIVE);
	}

	@Test
	void onlyAnAdministratorOfTheSchoolMayAssignPermissions() throws Exception {
		Invite invite = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		Task task = assignPermissionsTask(instanceOf(invite));
		School other = scenario.anOnboardedSchool();

		assertThatThrownBy(() -> scenario.complete(task, other.administrator(), permissions("REVIEWER")))
			.hasMessageContaining("belongs to no authenticated tenant");
		assertThatThrownBy(() -> taskService.complete(task.getId(), permissions("REVIEWER")))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.rootCause()
			.hasMessageContaining("Claim the task");
		assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.ACCEPTED);
		assertThat(decisionRecordOf(invite)).isEmpty();
	}

	@Test
	void theInvitesSchoolAndSourceGroupComeFromItsRecordNotFromVariables() throws Exception {
		Invite student = acceptedInvite(SourceGroup.STUDENTS, scenario.aStudentWithEmail(school.urn()).id());
		Invite staff = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		ProcessInstance instance = instanceOf(student);
		runtimeService.setVariables(instance.getId(), Map.of(UserInviteProcess.SOURCE_GROUP, "STAFF",
				UserInviteProcess.INVITE_ID, staff.id(), UserInviteProcess.SCHOOL_URN, "999999"));
		Task task = assignPermissionsTask(instance);

		assertRefusedTask(task, permissions("ADMINISTRATOR"), "Not for STUDENTS");
		scenario.complete(task, school.administrator(), permissions("STUDENT"));

		assertThat(service.find(student.id()).orElseThrow())
			.satisfies(active -> assertThat(active.status()).isEqualTo(InviteStatus.ACTIVE))
			.satisfies(active -> assertThat(active.permissions()).containsExactly(Permission.STUDENT));
		assertThat(service.find(staff.id()).orElseThrow())
			.satisfies(untouched -> assertThat(untouched.status()).isEqualTo(InviteStatus.ACCEPTED))
			.satisfies(untouched -> assertThat(untouched.permissions()).isEmpty());
	}

	@Test
	void anInstanceBoundToNoInviteSendsNothing() {
		Invite invite = inviteOne(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		int emails = smtp.getReceivedMessages().length;
		ProcessInstance forged = runtimeService.createProcessInstanceByKey(UserInviteProcess.KEY)
			.startBeforeActivity(UserInviteProcess.SEND_INVITATION)
			.setVariable(UserInviteProcess.INVITE_ID, invite.id())
			.setVariable(UserInviteProcess.SCHOOL_URN, school.urn())
			.execute();
		Job send = managementService.createJobQuery().processInstanceId(forged.getId()).singleResult();

		assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("bound to no invite");

		assertThat(smtp.getReceivedMessages()).hasSize(emails);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.PENDING);
	}

	@Test
	void anInstanceStartedAtAssignPermissionsCreatesNoTask() throws Exception {
		Invite invite = acceptedInvite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		long tasks = taskService.createTaskQuery().count();

		assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey(UserInviteProcess.KEY)
			.startBeforeActivity(UserInviteProcess.ASSIGN_PERMISSIONS)
			.setVariable(UserInviteProcess.INVITE_ID, invite.id())
			.setVariable(UserInviteProcess.SCHOOL_URN, school.urn())
			.execute()).hasMessageContaining("bound to no invite");

		assertThat(taskService.createTaskQuery().count()).isEqualTo(tasks);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.ACCEPTED);
		assertThat(service.find(invite.id()).orElseThrow().permissions()).isEmpty();
	}

	@Test
	void aSendCutOffAfterTheMailServerTookTheEmailIsRepeatedWithTheSameWorkingLinkAndMessageId() throws Exception {
		StaffMember teacher = scenario.aStaffMemberWithEmail(school.urn());
		Invite invite = inviteOne(SourceGroup.STAFF, teacher.id());
		ProcessInstance instance = instanceOf(invite);
		String send = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId();

		// The node dies after the mail server took the email and after the delivery was recorded, before the job's
		// transaction commits: the send is retried, and finds the email gone.
		cutOffBeforeCommit(send);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.PENDING);
		assertThat(smtp.getReceivedMessagesForDomain(teacher.email())).hasSize(1);
		scenario.runJobs(instance.getId());
		assertThat(smtp.getReceivedMessagesForDomain(teacher.email())).as("recorded, so not sent again").hasSize(1);
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.SENT);

		// Again, with a second invitation, but the node dies before the delivery was recorded too: the email goes
		// again, the same email, and the link in either copy works.
		StaffMember other = scenario.aStaffMemberWithEmail(school.urn(), teacher.id());
		Invite second = inviteOne(SourceGroup.STAFF, other.id());
		ProcessInstance secondInstance = instanceOf(second);
		cutOffBeforeCommit(
				managementService.createJobQuery().processInstanceId(secondInstance.getId()).singleResult().getId());
		jdbc.sql("delete from mail_delivery where recipient = :to").param("to", other.email()).update();
		scenario.runJobs(secondInstance.getId());

		MimeMessage[] copies = smtp.getReceivedMessagesForDomain(other.email());
		assertThat(copies).as("at least once: the copy a crash can cause").hasSize(2);
		assertThat(copies[1].getMessageID()).isEqualTo(copies[0].getMessageID()).startsWith("<");
		assertThat(copies[1].getHeader("X-SDA-Delivery")).isEqualTo(copies[0].getHeader("X-SDA-Delivery"));
		assertThat(InviteScenario.tokenIn(copies[1])).isEqualTo(InviteScenario.tokenIn(copies[0]));
		assertThat(service.accept(InviteScenario.tokenIn(copies[0]), google("g-copy-" + second.id())).status())
			.isEqualTo(InviteStatus.ACCEPTED);
	}

	/**
	 * Runs the job as a node that dies just before its transaction commits: everything it wrote is rolled back;
	 * what it sent, and what it recorded in transactions of their own, stays.
	 */
	private void cutOffBeforeCommit(String jobId) {
		new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
			managementService.executeJob(jobId);
			transaction.setRollbackOnly();
		});
	}

	private Invite inviteOne(SourceGroup group, String personId) {
		InviteBatch batch = service.invite(school.urn(), new InviteRequest(group, List.of(personId), null),
				school.administrator());
		assertThat(batch.invited()).as("skipped: %s", batch.skipped()).isOne();
		scenario.startBatch(batch.id());
		return service.list(school.urn(), null, group)
			.stream()
			.filter(invite -> invite.batchId().equals(batch.id()))
			.findFirst()
			.orElseThrow();
	}

	private Invite sentInvite(SourceGroup group, String personId) {
		Invite invite = inviteOne(group, personId);
		scenario.runJobs(instanceOf(invite).getId());
		Invite sent = service.find(invite.id()).orElseThrow();
		assertThat(sent.status()).isEqualTo(InviteStatus.SENT);
		return sent;
	}

	private Invite acceptedInvite(SourceGroup group, String personId) throws Exception {
		Invite invite = sentInvite(group, personId);
		return service.accept(InviteScenario.tokenIn(lastEmailTo(invite.email())), google("g-acc-" + invite.id()));
	}

	private ProcessInstance instanceOf(Invite invite) {
		ProcessInstance instance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(invite.id())
			.processDefinitionKey(UserInviteProcess.KEY)
			.singleResult();
		assertThat(instance).as("running instance of invite %s", invite.id()).isNotNull();
		return instance;
	}

	private Task assignPermissionsTask(ProcessInstance instance) {
		return taskService.createTaskQuery()
			.processInstanceId(instance.getId())
			.taskDefinitionKey(UserInviteProcess.ASSIGN_PERMISSIONS)
			.singleResult();
	}

	private Job timer(ProcessInstance instance, String activityId) {
		return managementService.createJobQuery()
			.processInstanceId(instance.getId())
			.timers()
			.activityId(activityId)
			.singleResult();
	}

	private void assertRefusedTask(Task task, Map<String, Object> variables, String message) {
		assertThatThrownBy(() -> scenario.complete(task, school.administrator(), variables))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.rootCause()
			.hasMessageContaining(message);
		assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
	}

	private static Map<String, Object> permissions(String... names) {
		return Variables.putValue(UserInviteProcess.PERMISSIONS, Spin.JSON(Arrays.asList(names)));
	}

	private static Acceptance google(String subject) {
		return new Acceptance(ExternalProvider.GOOGLE, subject, subject + "@gmail.example");
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
			Class<? extends Refusal> refusal) {
		assertThatThrownBy(call).isInstanceOf(refusal);
	}

	private MimeMessage lastEmailTo(String address) {
		MimeMessage[] messages = smtp.getReceivedMessagesForDomain(address);
		assertThat(messages).as("emails to %s", address).isNotEmpty();
		return messages[messages.length - 1];
	}
}
