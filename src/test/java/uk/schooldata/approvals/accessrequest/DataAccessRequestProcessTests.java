package uk.schooldata.approvals.accessrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.asking;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.justified;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.optional;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.required;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.SignedIn;
import uk.schooldata.approvals.TestServers;
import uk.schooldata.approvals.accessrequest.AccessRequestScenario.School;
import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.audit.AuditEvent;
import uk.schooldata.approvals.audit.AuditEventType;
import uk.schooldata.approvals.audit.AuditEvents;
import uk.schooldata.approvals.audit.AuditQuery;
import uk.schooldata.approvals.audit.ChainReport;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.notification.WebhookDeliveryFailedException;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.security.Roles;
import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * One test per path through {@code data-access-request} and {@code grant-revocation}, the job executor off; the app's
 * webhook receiver is WireMock (each signature checked), the school's mailbox GreenMail.
 */
@ProcessTest
class DataAccessRequestProcessTests {

	static WireMockServer app = TestServers.webhooks();

	static GreenMail smtp = TestServers.mail();

	@Autowired
	ProcessEngine engine;

	@Autowired
	AccessRequestScenario scenario;

	@Autowired
	AccessRequestService service;

	@Autowired
	AccessRequests requests;

	@Autowired
	Grants grants;

	@Autowired
	Revocations revocations;

	@Autowired
	Apps apps;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	HistoryService historyService;

	@Autowired
	IdentityService identityService;

	@Autowired
	DataFlowCheck dataFlow;

	@Autowired
	MisConnector mis;

	@Autowired
	SchoolIdentities schoolIdentities;

	@Autowired
	Schools schools;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DecisionLedger ledger;

	@Autowired
	AuditEvents auditEvents;

	School school;

	String appId;

	@BeforeEach
	void anOnboardedSchoolAndAnApp() {
		TestServers.clear();
		AbstractAssertions.init(engine);
		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		school = scenario.anOnboardedSchool();
		appId = scenario.anApp(app.baseUrl() + "/hooks");
	}

	@AfterEach
	void signOut() {
		identityService.clearAuthentication();
	}

	@Test
	void approvesEveryScopeGrantsThemAndTellsTheAppWithASignedWebhook() {
		AccessRequest request = submit(required("students.basic"), optional("students.dob"));
		ProcessInstance instance = instanceOf(request);
		assertThat(instance).isWaitingAt(DataAccessRequestProcess.REVIEW);
		assertThat(instance.getTenantId()).isEqualTo(school.urn());

		review(school.administrator(), "APPROVE", List.of("students.basic", "students.dob"), null);
		scenario.runJobs(instance.getId());

		assertThat(instance).hasPassed(DataAccessRequestProcess.RECORD_GRANTS,
				DataAccessRequestProcess.EMAIL_APPROVAL_RECEIPT, DataAccessRequestProcess.NOTIFY_APP).isEnded();
		AccessRequest approved = requests.findById(request.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(approved.decidedBy()).isEqualTo(school.administrator());
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope)
			.containsExactlyInAnyOrder("students.basic", "students.dob");
		LoggedRequest webhook = onlyWebhook();
		assertThat(webhook.getHeader("X-SDA-Event")).isEqualTo("access-request.approved");
		assertThat(webhook.getHeader("X-SDA-Delivery")).as("docs/webhooks.md").isEqualTo(request.id() + ":APPROVED");
		assertThat(webhook.getBodyAsString()).contains("\"approvedScopes\":[\"students.basic\",\"students.dob\"]");
		assertSignedWithTheAppsSecret(webhook);
	}

	@Test
	void approvesSomeWhenTheAdministratorUnticksAnOptionalScope() {
		AccessRequest request = submit(required("students.basic"), optional("students.dob"), optional("students.photo"));
		ProcessInstance instance = instanceOf(request);

		review(school.administrator(), "APPROVE", List.of("students.basic", "students.photo"), null);
		scenario.runJobs(instance.getId());

		assertThat(requests.findById(request.id()).orElseThrow())
			.satisfies(partial -> assertThat(partial.status()).isEqualTo(AccessRequestStatus.PARTIALLY_APPROVED))
			.satisfies(partial -> assertThat(partial.approvedScopes()).containsExactlyInAnyOrder("students.basic",
					"students.photo"));
		assertThat(grants.inForce(school.urn(), appId, "students.dob")).isEmpty();
		assertThat(onlyWebhook().getHeader("X-SDA-Event")).isEqualTo("access-request.partially-approved");
	}

	@Test
	void refusesDroppingARequiredScopeWithoutDecliningAndKeepsTheTaskOpen() {
		AccessRequest request = submit(required("students.basic"), required("students.dob"));

		assertThatThrownBy(() -> review(school.administrator(), "APPROVE", List.of("students.basic"), null))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("students.dob")
			.hasMessageContaining("decline");

		assertThat(instanceOf(request)).isWaitingAt(DataAccessRequestProcess.REVIEW);
		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.PENDING);
	}

	@Test
	void refusesApprovingAScopeThatWasNotRequested() {
		submit(required("students.basic"));

		assertThatThrownBy(() -> review(school.administrator(), "APPROVE",
				List.of("students.basic", "staff_members.salaries"), null))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("staff_members.salaries");
	}

	@Test
	void refusesADecisionByAnAdministratorOfAnotherSchool() {
		submit(required("students.basic"));
		School other = scenario.anOnboardedSchool();

		assertThatThrownBy(() -> review(other.administrator(), "APPROVE", List.of("students.basic"), null))
			.hasMessageContaining("belongs to no authenticated tenant");
		assertThat(decisionRecord()).isEmpty();
	}

	@Test
	void refusesADecisionByAPlatformOperatorOnTheSchoolsBehalf() {
		submit(required("students.basic"));

		assertThatThrownBy(() -> review("demo", "APPROVE", List.of("students.basic"), null))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("Only an administrator of school " + school.urn());
		assertThat(decisionRecord()).isEmpty();
	}

	@Test
	void declinesWithAReasonAndTellsTheApp() {
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);

		review(school.administrator(), "DECLINE", null, "We already use another homework app.");
		scenario.runJobs(instance.getId());

		AccessRequest declined = requests.findById(request.id()).orElseThrow();
		assertThat(declined.status()).isEqualTo(AccessRequestStatus.DECLINED);
		assertThat(declined.decisionReason()).isEqualTo("We already use another homework app.");
		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
		assertThat(instance).isEnded().hasNotPassed(DataAccessRequestProcess.RECORD_GRANTS);
		assertThat(onlyWebhook().getBodyAsString()).contains("We already use another homework app.");
	}

	@Test
	void refusesADeclineWithoutAReason() {
		submit(required("students.basic"));

		assertThatThrownBy(() -> review(school.administrator(), "DECLINE", null, " "))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("why");
	}

	@Test
	void declinesWhenAdministratorUnticksEveryScope() {
		AccessRequest request = submit(optional("students.basic"));
		ProcessInstance instance = instanceOf(request);

		review(school.administrator(), "APPROVE", List.of(), null);
		scenario.runJobs(instance.getId());

		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.DECLINED);
		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
	}

	@Test
	void remindsTheAdministratorsTwiceWhileTheRequestWaits() {
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);

		executeTimer(instance, DataAccessRequestProcess.FIRST_REMINDER_DUE);
		scenario.runJobs(instance.getId());
		executeTimer(instance, DataAccessRequestProcess.SECOND_REMINDER_DUE);
		scenario.runJobs(instance.getId());

		assertThat(historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(DataAccessRequestProcess.REMIND_ADMINISTRATORS)
			.finished()
			.count()).isEqualTo(2);
		assertThat(instance).isWaitingAt(DataAccessRequestProcess.REVIEW);
		List<MimeMessage> reminders = List.of(smtp.getReceivedMessages())
			.stream()
			.filter(message -> subjectOf(message).startsWith("Reminder:"))
			.filter(message -> GreenMailUtil.getBody(message).contains(request.id()))
			.toList();
		assertThat(reminders).hasSize(4);
		assertThat(reminders).extracting(message -> message.getAllRecipients()[0].toString())
			.containsOnly(school.administrator(), school.secondAdministrator());
		assertThat(GreenMailUtil.getBody(reminders.get(0))).contains("students.basic").contains(request.id());
	}

	@Test
	void expiresAtTheDeadlineGrantsNothingAndTellsTheApp() {
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);

		executeTimer(instance, DataAccessRequestProcess.DEADLINE_PASSED);
		scenario.runJobs(instance.getId());

		assertThat(instance).hasPassed(DataAccessRequestProcess.EXPIRE_REQUEST).isEnded();
		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.EXPIRED);
		assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
		assertThat(onlyWebhook().getHeader("X-SDA-Event")).isEqualTo("access-request.expired");
	}

	@Test
	void fourEyesRefuseTheReviewerConfirmingTheirOwnSpecialCategoryApproval() {
		AccessRequest request = submit(required("students.basic"), justified("students.sen_needs", false));
		review(school.administrator(), "APPROVE", List.of("students.basic", "students.sen_needs"), null);
		assertThat(instanceOf(request)).isWaitingAt(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY);
		assertThat(requests.findById(request.id()).orElseThrow().status())
			.isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);

		assertThatThrownBy(() -> confirm(school.administrator(), "CONFIRM"))
			.as("the confirmation is not even offered to the reviewer")
			.isInstanceOf(AuthorizationException.class);
		Task confirmation = taskService.createTaskQuery()
			.taskDefinitionKey(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY)
			.tenantIdIn(school.urn())
			.singleResult();
		assertThatThrownBy(() -> taskService.claim(confirmation.getId(), school.administrator()))
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("different administrator");
		assertThat(taskService.createTaskQuery().taskId(confirmation.getId()).singleResult().getAssignee()).isNull();

		assertThat(instanceOf(request)).isWaitingAt(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY);
		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
		assertThat(decisionRecord()).as("only the review").extracting(entry -> entry.get(1)).containsExactly("REVIEWED");
	}

	@Test
	void fourEyesLetAnotherAdministratorConfirmSpecialCategoryScopes() {
		AccessRequest request = submit(required("students.basic"), justified("students.sen_needs", false));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE", List.of("students.basic", "students.sen_needs"), null);

		confirm(school.secondAdministrator(), "CONFIRM");
		scenario.runJobs(instance.getId());

		AccessRequest approved = requests.findById(request.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(approved.confirmedBy()).isEqualTo(school.secondAdministrator());
		assertThat(grants.inForce(school.urn(), appId, "students.sen_needs")).get()
			.extracting(Grant::grantedBy)
			.isEqualTo(school.administrator() + " and " + school.secondAdministrator());
	}

	@Test
	void aSecondAdministratorRefusingLeavesOnlyTheStandardScopes() {
		AccessRequest request = submit(required("students.basic"), justified("students.sen_needs", false));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE", List.of("students.basic", "students.sen_needs"), null);

		confirm(school.secondAdministrator(), "REFUSE");
		scenario.runJobs(instance.getId());

		assertThat(requests.findById(request.id()).orElseThrow())
			.satisfies(partial -> assertThat(partial.status()).isEqualTo(AccessRequestStatus.PARTIALLY_APPROVED))
			.satisfies(partial -> assertThat(partial.decisionReason()).startsWith("A second administrator refused"));
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("students.basic");
	}

	@Test
	void theDecisionRecordKeepsEveryDecisionWithWhoMadeItInAChainThatChecksOut() {
		AccessRequest request = specialCategoryApprovedThen("CONFIRM");
		String revocation = revocations.revoke(school.urn(), appId, "students.sen_needs", school.administrator(),
				"The pilot ended");

		assertThat(decisionRecord()).containsExactly(
				List.of("1", "REVIEWED", request.id(), school.administrator(),
						"approved: students.basic, students.sen_needs", "-"),
				List.of("2", "CONFIRMED", request.id(), school.secondAdministrator(),
						"approved: students.basic, students.sen_needs", "-"),
				List.of("3", "GRANTED", request.id(), school.administrator() + " and " + school.secondAdministrator(),
						"students.basic, students.sen_needs", "-"),
				List.of("4", "REVOKED", revocation, school.administrator(), "students.sen_needs", "The pilot ended"));
		assertThat(ledger.verify(List.of(school.urn())))
			.isEqualTo(new ChainReport(true, 1, 4, List.of()));
	}

	@Test
	void theDecisionRecordKeepsASecondAdministratorsRefusalAndADeclineWithTheirReasons() {
		AccessRequest refused = specialCategoryApprovedThen("REFUSE");
		AccessRequest declined = submit(required("students.dob"));
		review(school.secondAdministrator(), "DECLINE", null, "We do not share dates of birth");

		assertThat(decisionRecord()).extracting(entry -> entry.subList(1, 6)).containsExactly(
				List.of("REVIEWED", refused.id(), school.administrator(), "approved: students.basic, students.sen_needs",
						"-"),
				List.of("REFUSED", refused.id(), school.secondAdministrator(),
						"approved: students.basic; declined: students.sen_needs",
						requests.findById(refused.id()).orElseThrow().decisionReason()),
				List.of("GRANTED", refused.id(), school.administrator() + " and " + school.secondAdministrator(),
						"students.basic", "-"),
				List.of("REVIEWED", declined.id(), school.secondAdministrator(), "declined: students.dob",
						"We do not share dates of birth"));
		assertThat(ledger.verify(List.of(school.urn())).intact()).isTrue();
	}

	@Test
	void verifyNamesTheRecordChangedBehindTheApplicationsBack() {
		AccessRequest request = specialCategoryApprovedThen("CONFIRM");
		String confirmation = recordIdAt(2);

		jdbc.sql("update decision_record set actor = :reviewer where id = :id")
			.param("reviewer", school.administrator())
			.param("id", confirmation)
			.update();

		ChainReport report = ledger.verify(List.of(school.urn()));
		assertThat(report.intact()).isFalse();
		assertThat(report.breaks()).singleElement().satisfies(broken -> {
			assertThat(broken.schoolUrn()).isEqualTo(school.urn());
			assertThat(broken.position()).isEqualTo(2);
			assertThat(broken.recordId()).isEqualTo(confirmation);
			assertThat(broken.problem()).startsWith("Record 2 of school " + school.urn() + " (confirmed by "
					+ school.administrator()).endsWith("was changed after it was recorded: its contents no longer "
							+ "match its hash.");
		});
	}

	@Test
	void verifyNamesTheRecordDeletedOrReplacedBehindTheApplicationsBack() {
		AccessRequest request = specialCategoryApprovedThen("CONFIRM");
		String confirmation = recordIdAt(2);

		jdbc.sql("delete from decision_record where id = :id").param("id", confirmation).update();
		assertThat(ledger.verify(List.of(school.urn())).breaks()).singleElement()
			.isEqualTo(new ChainReport.Break(school.urn(), 2, null, "Record 2 of school " + school.urn()
					+ " is missing: it was deleted after it was recorded."));

		jdbc.sql("update decision_record set position = 2 where school_urn = :urn and position = 3")
			.param("urn", school.urn())
			.update();
		assertThat(ledger.verify(List.of(school.urn())).breaks()).singleElement()
			.satisfies(broken -> assertThat(broken.problem()).as("renumbered, so its own hash no longer fits")
				.contains("was changed after it was recorded"));
	}

	@Test
	void eachTaskSaysWhatItIsAboutAndTheConfirmationIsOfferedOnlyToTheOtherAdministrators() {
		AccessRequest request = submit(required("students.basic"), justified("students.sen_needs", false),
				optional("calendar"));

		Task review = taskService.createTaskQuery().processInstanceId(instanceOf(request).getId()).singleResult();
		assertThat(review.getName()).isEqualTo("Review: Homework Hub asks for 3 scopes (1 special-category)");
		assertThat(review.getDescription()).isEqualTo("Hillside Academy: " + request.purpose());
		assertThat(review.getDueDate().toInstant()).isEqualTo(request.deadline().truncatedTo(ChronoUnit.MILLIS));
		assertThat(review.getPriority()).isEqualTo(75);
		assertThat(runtimeService.getVariable(review.getProcessInstanceId(), DataAccessRequestProcess.SCHOOL_NAME))
			.isEqualTo("Hillside Academy");

		review(school.administrator(), "APPROVE", List.of("students.basic", "students.sen_needs"), null);

		Task confirmation = taskService.createTaskQuery()
			.processInstanceId(review.getProcessInstanceId())
			.taskDefinitionKey(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY)
			.singleResult();
		assertThat(confirmation.getName()).isEqualTo("Confirm special-category data for Homework Hub");
		assertThat(taskService.getIdentityLinksForTask(confirmation.getId()))
			.extracting(IdentityLink::getUserId, IdentityLink::getGroupId)
			.containsExactly(tuple(school.secondAdministrator(), null));
		assertThat(taskService.createTaskQuery().taskCandidateUser(school.administrator())
			.taskDefinitionKey(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY).count())
			.as("not offered to the reviewer").isZero();
		assertThat(taskService.createTaskQuery().taskCandidateUser(school.secondAdministrator())
			.taskDefinitionKey(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY).count()).isOne();
		assertThat(taskService.createTaskQuery().taskCandidateUser(school.secondAdministrator())
			.processInstanceId(review.getProcessInstanceId()).count())
			.as("the Tasklist filter's query finds it").isOne();
	}

	@Test
	void theAuditTimelineTellsAFourEyesDecisionWithWhoDecidedWhatAndWhy() {
		AccessRequest request = specialCategoryApprovedThen("REFUSE");
		String refusal = requests.findById(request.id()).orElseThrow().decisionReason();
		String instance = historicInstanceOf(request);

		assertThat(timeline()).extracting(event -> event.subList(0, 6)).containsExactly(
				List.of("REQUEST_SUBMITTED", appId, "requested: students.basic (required), students.sen_needs", "-",
						request.purpose(), instance),
				List.of("REQUEST_REVIEWED", school.administrator(), "approved: students.basic, students.sen_needs",
						"-", request.purpose(), instance),
				List.of("SPECIAL_CATEGORY_REFUSED", school.secondAdministrator(),
						"approved: students.basic; declined: students.sen_needs", refusal, request.purpose(), instance),
				List.of("SCOPES_GRANTED", school.administrator() + " and " + school.secondAdministrator(),
						"granted: students.basic", "-", request.purpose(), instance));
		assertThat(refusal).isNotBlank();
		assertThat(auditEvents.page(new AuditQuery(List.of(school.urn()), appId, Set.of(), null, null), 0, 10)
			.events()).allSatisfy(event -> {
				assertThat(event.schoolUrn()).isEqualTo(school.urn());
				assertThat(event.appId()).isEqualTo(appId);
				assertThat(event.subjectId()).isEqualTo(request.id());
			});
	}

	@Test
	void theAuditTimelineTellsHowRequestsEndedWithoutAGrant() {
		AccessRequest declined = submit(required("school"));
		review(school.secondAdministrator(), "DECLINE", null, "We do not share <b>this</b>, \"ever\"");
		AccessRequest withdrawn = submit(required("students.basic"));
		service.withdraw(appId, withdrawn.id());
		AccessRequest superseded = submit(required("calendar"));
		AccessRequest expired = submit(required("calendar"), optional("school"));
		executeTimer(instanceOf(expired), DataAccessRequestProcess.DEADLINE_PASSED);

		assertThat(timeline()).extracting(event -> event.subList(0, 4)).containsExactly(
				List.of("REQUEST_SUBMITTED", appId, "requested: school (required)", "-"),
				List.of("REQUEST_DECLINED", school.secondAdministrator(), "declined: school",
						"We do not share <b>this</b>, \"ever\""),
				List.of("REQUEST_SUBMITTED", appId, "requested: students.basic (required)", "-"),
				List.of("REQUEST_WITHDRAWN", appId, "-", "-"),
				List.of("REQUEST_SUBMITTED", appId, "requested: calendar (required)", "-"),
				List.of("REQUEST_SUBMITTED", appId, "requested: calendar (required), school", "-"),
				List.of("REQUEST_SUPERSEDED", appId, "-", "a newer request from the app replaced it"),
				List.of("REQUEST_EXPIRED", "system", "-", "nobody decided before the deadline"));
		assertThat(timeline()).extracting(event -> event.get(6)).containsExactly(declined.id(), declined.id(),
				withdrawn.id(), withdrawn.id(), superseded.id(), expired.id(), superseded.id(), expired.id());
	}

	@Test
	void theAuditTimelineTellsAnIncidentAndTheOperatorWhoRetriedIt() {
		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(500)));
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);
		service.withdraw(appId, request.id());
		Job notify = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatThrownBy(() -> managementService.executeJob(notify.getId()))
				.isInstanceOf(WebhookDeliveryFailedException.class);
		}
		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		identityService.setAuthentication("operator", List.of(Roles.PLATFORM_ADMINS, Groups.CAMUNDA_ADMIN),
				List.of(school.urn()));
		managementService.setJobRetries(notify.getId(), 1);
		identityService.clearAuthentication();
		managementService.executeJob(notify.getId());

		assertThat(instance).isEnded();
		List<AuditEvent> incidents = auditEvents.page(new AuditQuery(List.of(school.urn()), appId,
				Set.of(AuditEventType.INCIDENT_OPENED, AuditEventType.INCIDENT_RESOLVED), null, null), 0, 10).events();
		assertThat(incidents).extracting(AuditEvent::type, AuditEvent::actor, AuditEvent::subject, AuditEvent::reason)
			.containsExactly(
					tuple(AuditEventType.INCIDENT_OPENED, "system", "Send signed webhook to the app", "the step failed on every retry"),
					tuple(AuditEventType.INCIDENT_RESOLVED, "operator", "Send signed webhook to the app", "retried"));
		assertThat(incidents).allSatisfy(event -> {
			assertThat(event.processInstanceId()).isEqualTo(instance.getId());
			assertThat(event.appId()).isEqualTo(appId);
		});
	}

	/**
	 * The school's audit timeline: type, actor, decision, reason ({@code -} for none), subject, process instance,
	 * subject id.
	 */
	private List<List<String>> timeline() {
		return auditEvents.page(new AuditQuery(List.of(school.urn()), null, Set.of(), null, null), 0, 100)
			.events()
			.stream()
			.filter(event -> !event.type().name().startsWith("SCHOOL_"))
			.map(event -> List.of(event.type().name(), event.actor(), orDash(event.decision()), orDash(event.reason()),
					event.subject(), orDash(event.processInstanceId()), event.subjectId()))
			.toList();
	}

	private static String orDash(String value) {
		return value == null ? "-" : value;
	}

	private String historicInstanceOf(AccessRequest request) {
		return historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(request.id())
			.singleResult()
			.getId();
	}

	/**
	 * A request for students.basic and students.sen_needs, both approved by the reviewer, then confirmed or refused by
	 * the second administrator, its jobs run.
	 */
	private AccessRequest specialCategoryApprovedThen(String confirmation) {
		AccessRequest request = submit(required("students.basic"), justified("students.sen_needs", false));
		review(school.administrator(), "APPROVE", List.of("students.basic", "students.sen_needs"), null);
		confirm(school.secondAdministrator(), confirmation);
		scenario.runJobs(instanceOf(request).getId());
		return request;
	}

	/**
	 * The school's decision record in order: position, kind, subject, actor, detail, reason ({@code -} for none).
	 */
	private List<List<String>> decisionRecord() {
		return jdbc.sql("""
				select position, kind, subject, actor, detail, reason from decision_record
				where school_urn = :urn order by position
				""")
			.param("urn", school.urn())
			.query((row, number) -> List.of(String.valueOf(row.getLong("position")), row.getString("kind"),
					row.getString("subject"), row.getString("actor"), row.getString("detail"),
					row.getString("reason") == null ? "-" : row.getString("reason")))
			.list();
	}

	private String recordIdAt(long position) {
		return jdbc.sql("select id from decision_record where school_urn = :urn and position = :position")
			.param("urn", school.urn())
			.param("position", position)
			.query(String.class)
			.single();
	}

	@Test
	void theHistoryCleanupRemovesAFinishedRequestAfterItsTimeToLiveAndTheDecisionRecordOutlivesIt() {
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "DECLINE", null, "We already use another homework app.");
		scenario.runJobs(instance.getId());
		assertThat(instance).isEnded();

		try {
			ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(2554))));
			runHistoryCleanup();
			assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count())
				.as("kept for its time to live of 2555 days").isOne();

			ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(2556))));
			runHistoryCleanup();
			assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count())
				.isZero();
			assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count())
				.isZero();
		}
		finally {
			ClockUtil.reset();
		}
		assertThat(decisionRecord()).containsExactly(List.of("1", "REVIEWED", request.id(), school.administrator(),
				"declined: students.basic", "We already use another homework app."));
		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.DECLINED);
		assertThat(ledger.verify(List.of(school.urn())).intact()).isTrue();
	}

	/**
	 * Runs the nightly history cleanup now, as often as it reschedules itself at once (it removes a batch a run).
	 */
	private void runHistoryCleanup() {
		historyService.cleanUpHistoryAsync(true);
		for (int run = 0; run < 100; run++) {
			List<Job> due = historyService.findHistoryCleanupJobs()
				.stream()
				.filter(job -> !job.getDuedate().after(ClockUtil.getCurrentTime()))
				.toList();
			if (due.isEmpty()) {
				return;
			}
			due.forEach(job -> managementService.executeJob(job.getId()));
		}
		throw new AssertionError("The history cleanup kept rescheduling itself");
	}

	@Test
	void aDeltaRequestAsksOnlyForWhatIsNewAndExistingGrantsStayInForce() {
		AccessRequest first = submit(required("students.basic"));
		ProcessInstance firstInstance = instanceOf(first);
		review(school.administrator(), "APPROVE", List.of("students.basic"), null);
		scenario.runJobs(firstInstance.getId());

		AccessRequest delta = submit(required("students.basic"), required("students.dob"));

		assertThat(delta.scopeNames()).containsExactly("students.dob");
		assertThat(grants.inForce(school.urn(), appId, "students.basic")).isPresent();
		ProcessInstance deltaInstance = instanceOf(delta);
		review(school.administrator(), "APPROVE", List.of("students.dob"), null);
		scenario.runJobs(deltaInstance.getId());
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope)
			.containsExactlyInAnyOrder("students.basic", "students.dob");
	}

	@Test
	void theAppWithdrawsAPendingRequestAndIsTold() {
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);

		service.withdraw(appId, request.id());
		scenario.runJobs(instance.getId());

		assertThat(instance).hasPassed(DataAccessRequestProcess.MARK_WITHDRAWN).isEnded();
		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.WITHDRAWN);
		assertThat(onlyWebhook().getHeader("X-SDA-Event")).isEqualTo("access-request.withdrawn");
	}

	@Test
	void aNewerRequestSupersedesThePendingOne() {
		AccessRequest older = submit(required("students.basic"));
		ProcessInstance olderInstance = instanceOf(older);

		AccessRequest newer = submit(required("students.basic"), optional("students.dob"));

		assertThat(olderInstance).isEnded().hasPassed(DataAccessRequestProcess.REQUEST_SUPERSEDED);
		assertThat(requests.findById(older.id()).orElseThrow())
			.satisfies(superseded -> assertThat(superseded.status()).isEqualTo(AccessRequestStatus.SUPERSEDED))
			.satisfies(superseded -> assertThat(superseded.supersededBy()).isEqualTo(newer.id()));
		assertThat(instanceOf(newer)).isWaitingAt(DataAccessRequestProcess.REVIEW);
	}

	@Test
	void revokingAScopeStopsItAtOnceAndTellsTheApp() {
		AccessRequest request = submit(required("students.basic"), optional("students.dob"));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE", List.of("students.basic", "students.dob"), null);
		scenario.runJobs(instance.getId());
		app.resetRequests();

		String revocation = revocations.revoke(school.urn(), appId, "students.dob", school.administrator(),
				"No longer needed");

		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("students.basic");
		ProcessInstance revocationInstance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(revocation)
			.singleResult();
		assertThat(revocationInstance.getTenantId()).isEqualTo(school.urn());
		scenario.runJobs(revocationInstance.getId());
		LoggedRequest webhook = onlyWebhook();
		assertThat(webhook.getHeader("X-SDA-Event")).isEqualTo("grants.revoked");
		assertThat(webhook.getBodyAsString()).contains("\"revokedScopes\":[\"students.dob\"]");
		assertThat(webhook.getHeader("X-SDA-Delivery")).as("docs/webhooks.md").isEqualTo(revocation + ":REVOKED");
		assertSignedWithTheAppsSecret(webhook);
	}

	@Test
	void revokingAScopeRevokesTheGrantedScopesThatNeedItAndSaysSo() {
		AccessRequest request = submit(required("students.basic"), optional("students.dob"),
				justified("students.sen_needs", false), required("school"));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE",
				List.of("students.basic", "students.dob", "students.sen_needs", "school"), null);
		confirm(school.secondAdministrator(), "CONFIRM");
		scenario.runJobs(instance.getId());
		app.resetRequests();

		String revocation = revocations.revoke(school.urn(), appId, "students.basic", school.administrator(),
				"No longer needed");

		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("school");
		assertThat(dataFlow.check(school.urn(), appId, "students.sen_needs").allowed()).isFalse();
		ProcessInstance revocationInstance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(revocation)
			.singleResult();
		assertThat((String) runtimeService.getVariable(revocationInstance.getId(),
				GrantRevocationProcess.DEPENDANTS_REVOKED))
			.contains("students.sen_needs (needs students.basic)", "students.dob (needs students.basic)");
		scenario.runJobs(revocationInstance.getId());
		LoggedRequest webhook = onlyWebhook();
		assertThat(webhook.getBodyAsString()).contains("\"students.sen_needs\":\"students.basic\"")
			.contains("\"students.dob\":\"students.basic\"");
		assertThat(jdbc.sql("select revoke_reason from scope_grant where request_id = :id and scope = 'students.sen_needs'")
			.param("id", request.id())
			.query(String.class)
			.single()).isEqualTo("Revoked with students.basic, which it needs: No longer needed");
		assertThat(timeline()).filteredOn(event -> event.get(0).equals("GRANT_REVOKED"))
			.extracting(event -> event.subList(0, 5))
			.containsExactly(List.of("GRANT_REVOKED", school.administrator(),
					"revoked: students.basic, students.dob, students.sen_needs; with it, because they need a revoked "
							+ "scope: students.dob (needs students.basic), students.sen_needs (needs students.basic)",
					"No longer needed", "grant of students.basic"));
	}

	@Test
	void aRetriedReceiptGoesOnlyToTheAdministratorsStillWaitingForIt() throws Exception {
		String third = schoolIdentities.addAdministrator(school.urn(), "zz-bursar-" + school.urn() + "@hillside.example");
		User unreachable = identityService.createUserQuery().userId(third).singleResult();
		unreachable.setEmail("zz bursar@@hillside.example");
		identityService.saveUser(unreachable);
		AccessRequest request = submit(required("calendar"));
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE", List.of("calendar"), null);

		Job receipt = managementService.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(DataAccessRequestProcess.EMAIL_APPROVAL_RECEIPT)
			.singleResult();
		assertThatThrownBy(() -> managementService.executeJob(receipt.getId())).isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> managementService.executeJob(receipt.getId())).isInstanceOf(RuntimeException.class);
		unreachable.setEmail("zz-bursar-" + school.urn() + "@hillside.example");
		identityService.saveUser(unreachable);
		managementService.executeJob(receipt.getId());

		for (String administrator : List.of(school.administrator(), school.secondAdministrator(), third)) {
			assertThat(receiptsTo(administrator)).as("receipts to %s", administrator).isOne();
		}
	}

	private long receiptsTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages())
			.filter(mail -> subjectOf(mail).startsWith("Receipt:"))
			.filter(mail -> GreenMailUtil.getAddressList(recipientsOf(mail)).contains(address))
			.count();
	}

	private static jakarta.mail.Address[] recipientsOf(MimeMessage mail) {
		try {
			return mail.getAllRecipients();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void aPurposeThatLooksLikeAPlaceholderIsMailedAsTheAppWroteIt() throws Exception {
		AccessRequest request = service.submit(appId, new AccessRequestSubmission(school.urn(),
				"Homework ${purpose} and ${oops}", List.of(required("school"))), null).request();
		ProcessInstance instance = instanceOf(request);
		review(school.administrator(), "APPROVE", List.of("school"), null);

		scenario.runJobs(instance.getId());

		assertThat(instance).isEnded();
		assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
		assertThat(smtp.getReceivedMessages()).anySatisfy(
				mail -> assertThat(GreenMailUtil.getBody(mail)).contains("Homework ${purpose} and ${oops}"));
		assertThat(onlyWebhook().getHeader("X-SDA-Event")).isEqualTo("access-request.approved");
	}

	@Test
	void anUnreachableAppIsRetriedThenAnIncidentAndDeliveredOnceItAnswers() {
		app.stubFor(post(urlEqualTo("/hooks")).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("still down"));
		app.stubFor(post(urlEqualTo("/hooks")).inScenario("outage")
			.whenScenarioStateIs("still down")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		app.stubFor(post(urlEqualTo("/hooks")).inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withStatus(204)));
		AccessRequest request = submit(required("students.basic"));
		ProcessInstance instance = instanceOf(request);
		service.withdraw(appId, request.id());

		Job notify = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatThrownBy(() -> managementService.executeJob(notify.getId()))
				.isInstanceOf(WebhookDeliveryFailedException.class)
				.hasMessageContaining("the receiver answered 5");
		}
		assertThat(managementService.createJobQuery().jobId(notify.getId()).singleResult().getRetries()).isEqualTo(1);
		managementService.executeJob(notify.getId());

		assertThat(instance).isEnded();
		List<LoggedRequest> deliveries = app.findAll(postRequestedFor(urlEqualTo("/hooks")));
		assertThat(deliveries).hasSize(3);
		assertThat(deliveries).extracting(delivery -> delivery.getHeader("X-SDA-Delivery")).containsOnly(
				deliveries.get(0).getHeader("X-SDA-Delivery"));
		app.verify(postRequestedFor(urlEqualTo("/hooks")).withHeader("X-SDA-Event", equalTo("access-request.withdrawn"))
			.withRequestBody(matchingJsonPath("$.requestId", equalTo(request.id()))));
	}

	@Test
	void asksTheSchoolToFixItsMisWhenAScopeNeedsAGroupThePlatformLacks() {
		AccessRequest request = submit(required("students.basic"), required("staff_members.basic"),
				required("teaching_groups"), required("timetables"), required("timetables.cover"));

		ProcessInstance instance = instanceOf(request);

		assertThat(instance).isWaitingAt(DataAccessRequestProcess.REVIEW, DataAccessRequestProcess.FIX_MIS_PERMISSIONS);
		assertThat(runtimeService.getVariable(instance.getId(), DataAccessRequestProcess.MISSING_MIS_GROUPS))
			.isEqualTo("Cover Manager");
		assertThat((String) runtimeService.getVariable(instance.getId(), DataAccessRequestProcess.MIS_TAP_NOTE))
			.contains("not in Cover Manager");
	}

	@Test
	void fixingTheMisReadsItAgainUntilItConfirmsTheGroupAndTheReviewShowsTheOpenTap() throws Exception {
		AccessRequest request = submit(required("school"), required("teaching_groups"), required("timetables"),
				required("timetables.cover"), required("students.basic"), required("staff_members.basic"));
		ProcessInstance instance = instanceOf(request);
		assertThat(instance).isWaitingAt(DataAccessRequestProcess.REVIEW, DataAccessRequestProcess.FIX_MIS_PERMISSIONS);

		complete(fixMisTask(), school.administrator(), Variables.putValue("misFixed", true));
		scenario.runJobs(instance.getId());

		assertThat(instance).isWaitingAt(DataAccessRequestProcess.REVIEW, DataAccessRequestProcess.FIX_MIS_PERMISSIONS);
		assertThat(runtimeService.getVariable(instance.getId(), DataAccessRequestProcess.MISSING_MIS_GROUPS))
			.isEqualTo("Cover Manager");

		mis.addUserToGroup(school.urn(), schools.findByUrn(school.urn()).orElseThrow().misUserId(),
				MisPermissionGroup.COVER_MANAGER);
		complete(fixMisTask(), school.administrator(), Variables.putValue("misFixed", true));
		scenario.runJobs(instance.getId());

		assertThat(instance).hasPassed(DataAccessRequestProcess.MIS_TAP_OPENED)
			.isWaitingAt(DataAccessRequestProcess.REVIEW);
		assertThat(runtimeService.getVariable(instance.getId(), DataAccessRequestProcess.MIS_TAP_OPEN)).isEqualTo(true);
		assertThat(runtimeService.getVariable(instance.getId(), DataAccessRequestProcess.MIS_TAP_NOTE)).isEqualTo("");
		assertThat(schools.findByUrn(school.urn()).orElseThrow().confirmedMisGroups()).contains("Cover Manager");
		assertThat(dataFlow.check(school.urn(), appId, "timetables.cover").misTap().open()).isTrue();
	}

	@Test
	void theFixMisPermissionsTaskEndsWhenItsRequestIsDecidedWithdrawnExpiredOrSuperseded() {
		AccessRequest declined = submit(required("timetables.cover"), required("timetables"), required("teaching_groups"),
				required("students.basic"), required("staff_members.basic"));
		review(school.administrator(), "DECLINE", null, "Not this term");
		assertThat(instanceOf(declined)).isNotNull();
		assertThat(fixMisTasks()).isZero();

		AccessRequest withdrawn = submit(required("timetables.cover"), required("timetables"),
				required("teaching_groups"), required("students.basic"), required("staff_members.basic"));
		assertThat(fixMisTasks()).isOne();
		service.withdraw(appId, withdrawn.id());
		assertThat(fixMisTasks()).isZero();

		AccessRequest older = submit(required("timetables.cover"), required("timetables"), required("teaching_groups"),
				required("students.basic"), required("staff_members.basic"));
		ProcessInstance olderInstance = instanceOf(older);
		AccessRequest newest = submit(required("timetables.cover"), required("timetables"),
				required("teaching_groups"), required("students.basic"), required("staff_members.basic"),
				optional("students.dob"));
		assertThat(olderInstance).isEnded();
		assertThat(fixMisTasks()).isOne();

		executeTimer(instanceOf(newest), DataAccessRequestProcess.DEADLINE_PASSED);
		assertThat(fixMisTasks()).isZero();
	}

	private Task fixMisTask() {
		return taskService.createTaskQuery()
			.taskDefinitionKey(DataAccessRequestProcess.FIX_MIS_PERMISSIONS)
			.tenantIdIn(school.urn())
			.singleResult();
	}

	private long fixMisTasks() {
		return taskService.createTaskQuery()
			.taskDefinitionKey(DataAccessRequestProcess.FIX_MIS_PERMISSIONS)
			.tenantIdIn(school.urn())
			.count();
	}

	@Test
	void anIdempotencyKeyMakesARetriedSubmissionReturnTheSameRequest() {
		AccessRequestSubmission submission = asking(school.urn(), required("students.basic"));

		AccessRequestService.Submitted first = service.submit(appId, submission, "key-1");
		AccessRequestService.Submitted retried = service.submit(appId, submission, "key-1");

		assertThat(first.created()).isTrue();
		assertThat(retried.created()).isFalse();
		assertThat(retried.request().id()).isEqualTo(first.request().id());
		assertThat(runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(DataAccessRequestProcess.KEY)
			.variableValueEquals(DataAccessRequestProcess.APP_ID, appId)
			.count()).isOne();
	}

	private AccessRequest submit(AccessRequestSubmission.ScopeRequest... scopes) {
		return service.submit(appId, asking(school.urn(), scopes), null).request();
	}

	private ProcessInstance instanceOf(AccessRequest request) {
		ProcessInstance instance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(request.id())
			.singleResult();
		assertThat(instance).as("running instance of request %s", request.id()).isNotNull();
		return instance;
	}

	private void review(String administrator, String decision, List<String> approvedScopes, String reason) {
		Task task = taskService.createTaskQuery()
			.taskDefinitionKey(DataAccessRequestProcess.REVIEW)
			.tenantIdIn(school.urn())
			.active()
			.list()
			.stream()
			.findFirst()
			.orElseThrow();
		complete(task, administrator, Variables.putValue(DataAccessRequestProcess.DECISION, decision)
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES, approvedScopes == null ? null
					: DataAccessRequestProcess.json(approvedScopes))
			.putValue(DataAccessRequestProcess.DECLINE_REASON, reason));
	}

	private void confirm(String administrator, String confirmation) {
		Task task = taskService.createTaskQuery()
			.taskDefinitionKey(DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY)
			.tenantIdIn(school.urn())
			.singleResult();
		complete(task, administrator, Variables.putValue(DataAccessRequestProcess.CONFIRMATION, confirmation));
	}

	/**
	 * Completes the task as the user, signed in with their groups and tenants as Tasklist or the REST API would.
	 */
	private void complete(Task task, String administrator, Map<String, Object> variables) {
		SignedIn.complete(identityService, taskService, task.getId(), administrator, variables);
	}

	private void executeTimer(ProcessInstance instance, String activityId) {
		Job timer = managementService.createJobQuery()
			.processInstanceId(instance.getId())
			.timers()
			.activityId(activityId)
			.singleResult();
		managementService.executeJob(timer.getId());
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	private LoggedRequest onlyWebhook() {
		List<LoggedRequest> webhooks = app.findAll(postRequestedFor(urlEqualTo("/hooks")));
		assertThat(webhooks).hasSize(1);
		return webhooks.get(0);
	}

	private void assertSignedWithTheAppsSecret(LoggedRequest webhook) {
		String secret = apps.webhookTarget(appId).secret();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((webhook.getHeader("X-SDA-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
			String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(webhook.getBody()));
			assertThat(webhook.getHeader("X-SDA-Signature")).isEqualTo(expected);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}
}
