package uk.schooldata.approvals.accessrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.asking;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.justified;
import static uk.schooldata.approvals.accessrequest.AccessRequestScenario.required;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.SignedIn;
import uk.schooldata.approvals.TestServers;
import uk.schooldata.approvals.accessrequest.AccessRequestScenario.School;

/**
 * Every listener and delegate of {@code data-access-request} run with forged variables present, or at an activity
 * its request never reached: each reads the request bound to its instance and ignores the variables, or refuses.
 * Started through the Java API, as a platform operator could, so that only the domain rules stand in the way.
 */
@ProcessTest
class ForgedVariablesProcessTests {

	static WireMockServer app = TestServers.webhooks();

	static GreenMail smtp = TestServers.mail();

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
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	IdentityService identityService;

	School school;

	String appId;

	String otherAppId;

	@BeforeEach
	void anOnboardedSchoolAndTwoApps() {
		TestServers.clear();
		app.stubFor(post(urlEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
		school = scenario.anOnboardedSchool();
		appId = scenario.anApp(app.baseUrl() + "/hooks");
		otherAppId = scenario.anApp(app.baseUrl() + "/hooks");
	}

	@AfterEach
	void signOut() {
		identityService.clearAuthentication();
	}

	@Test
	void theReviewDecidesTheRequestOfItsOwnInstanceWhateverRequestIdAppIdAndSchoolUrnSay() {
		AccessRequest ours = submit(appId, required("school"));
		AccessRequest theirs = submit(otherAppId, required("calendar"));
		ProcessInstance instance = instanceOf(ours);
		runtimeService.setVariables(instance.getId(), Map.of(DataAccessRequestProcess.REQUEST_ID, theirs.id(),
				DataAccessRequestProcess.APP_ID, otherAppId, DataAccessRequestProcess.SCHOOL_URN, "999999"));

		complete(reviewOf(ours), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES, DataAccessRequestProcess.json(List.of("school"))));

		assertThat(requests.findById(ours.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(requests.findById(theirs.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.PENDING);
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("school");
		assertThat(grants.inForce(school.urn(), otherAppId)).isEmpty();
	}

	@Test
	void theReviewerIsKnownFromTheRecordNotFromReviewedBy() {
		AccessRequest request = awaitingSecondApproval();
		runtimeService.setVariable(instanceOf(request).getId(), DataAccessRequestProcess.REVIEWED_BY,
				school.secondAdministrator());

		assertThatThrownBy(() -> complete(confirmationOf(request), school.administrator(),
				Variables.putValue(DataAccessRequestProcess.CONFIRMATION, "CONFIRM")))
			.as("offered to the other administrators, whatever reviewedBy says")
			.isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(() -> taskService.claim(confirmationOf(request).getId(), school.administrator()))
			.as("nor can it be handed to the reviewer")
			.hasRootCauseInstanceOf(FormFieldValidationException.class)
			.hasMessageContaining("different administrator");
		assertThat(requests.findById(request.id()).orElseThrow().status())
			.isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);

		complete(confirmationOf(request), school.secondAdministrator(),
				Variables.putValue(DataAccessRequestProcess.CONFIRMATION, "CONFIRM"));

		AccessRequest confirmed = requests.findById(request.id()).orElseThrow();
		assertThat(confirmed.decidedBy()).isEqualTo(school.administrator());
		assertThat(confirmed.confirmedBy()).isEqualTo(school.secondAdministrator());
	}

	@Test
	void anOutcomeVariableCannotSkipTheSecondAdministrator() {
		AccessRequest request = submit(appId, required("students.basic"), justified("students.sen_needs", false));

		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES,
					DataAccessRequestProcess.json(List.of("students.basic", "students.sen_needs")))
			.putValue(DataAccessRequestProcess.OUTCOME, "APPROVED"));

		assertThat(requests.findById(request.id()).orElseThrow().status())
			.isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);
		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
	}

	@Test
	void recordingGrantsNeedsAnApprovalOnRecordConfirmedByASecondAdministrator() {
		AccessRequest request = awaitingSecondApproval();
		ProcessInstance instance = instanceOf(request);

		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(DataAccessRequestProcess.RECORD_GRANTS)
			.execute()).hasMessageContaining("AWAITING_SECOND_APPROVAL, not approved");
		assertThatThrownBy(() -> startAt(DataAccessRequestProcess.RECORD_GRANTS, request))
			.hasMessageContaining("bound to no data access request");

		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
		assertThat(requests.findById(request.id()).orElseThrow().grantsRecordedAt()).isNull();
	}

	@Test
	void aReviewIsPreparedOnlyForTheRequestThatStartedItsInstance() {
		AccessRequest request = submit(appId, required("school"));

		assertThatThrownBy(() -> startAt(DataAccessRequestProcess.PREPARE_REVIEW, request))
			.hasMessageContaining("bound to no data access request");

		assertThat(taskService.createTaskQuery().taskDefinitionKey(DataAccessRequestProcess.REVIEW)
			.processVariableValueEquals(DataAccessRequestProcess.REQUEST_ID, request.id())
			.count()).isOne();
	}

	@Test
	void grantsAreRecordedOnceSoARevokedGrantStaysRevoked() {
		AccessRequest request = submit(appId, required("school"));
		ProcessInstance instance = instanceOf(request);
		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES, DataAccessRequestProcess.json(List.of("school"))));
		revocations.revoke(school.urn(), appId, "school", school.administrator(), "Not any more");

		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(DataAccessRequestProcess.RECORD_GRANTS)
			.execute()).hasMessageContaining("grants were recorded already");

		assertThat(grants.inForce(school.urn(), appId)).isEmpty();
	}

	@Test
	void withdrawingAndExpiringLeaveADecidedRequestAsItIs() {
		AccessRequest request = submit(appId, required("school"));
		ProcessInstance instance = instanceOf(request);
		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES, DataAccessRequestProcess.json(List.of("school"))));

		assertThatThrownBy(() -> startAt(DataAccessRequestProcess.MARK_WITHDRAWN, request))
			.hasMessageContaining("bound to no data access request");
		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(DataAccessRequestProcess.MARK_WITHDRAWN)
			.execute()).hasMessageContaining("APPROVED, no longer open");
		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(DataAccessRequestProcess.EXPIRE_REQUEST)
			.execute()).hasMessageContaining("APPROVED, no longer open");

		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.APPROVED);
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("school");
	}

	@Test
	void aReminderOrAWebhookForAnInstanceBoundToNoRequestIsNeverSent() throws Exception {
		AccessRequest request = submit(appId, required("school"));
		int emails = smtp.getReceivedMessages().length;
		app.resetRequests();

		for (String activity : List.of(DataAccessRequestProcess.REMIND_ADMINISTRATORS,
				DataAccessRequestProcess.EMAIL_APPROVAL_RECEIPT, DataAccessRequestProcess.NOTIFY_APP)) {
			ProcessInstance forged = startAt(activity, request);
			Job job = managementService.createJobQuery().processInstanceId(forged.getId()).singleResult();
			assertThatThrownBy(() -> managementService.executeJob(job.getId()))
				.hasMessageContaining("bound to no data access request");
		}

		assertThat(smtp.getReceivedMessages()).hasSize(emails);
		app.verify(0, postRequestedFor(urlEqualTo("/hooks")));
		assertThat(requests.findById(request.id()).orElseThrow().status()).isEqualTo(AccessRequestStatus.PENDING);
	}

	@Test
	void aReminderForARequestDecidedMeanwhileIsNotSent() {
		AccessRequest request = submit(appId, required("school"));
		ProcessInstance instance = instanceOf(request);
		runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(DataAccessRequestProcess.REMIND_ADMINISTRATORS)
			.execute();
		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "DECLINE")
			.putValue(DataAccessRequestProcess.DECLINE_REASON, "Not now"));
		int emails = smtp.getReceivedMessages().length;

		Job reminder = managementService.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(DataAccessRequestProcess.REMIND_ADMINISTRATORS)
			.singleResult();
		managementService.executeJob(reminder.getId());

		assertThat(smtp.getReceivedMessages()).hasSize(emails);
	}

	@Test
	void aRevocationIsWhatTheSchoolRecordedNotWhatVariablesSay() {
		AccessRequest request = submit(appId, required("school"), required("calendar"));
		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES, DataAccessRequestProcess.json(List.of("school", "calendar"))));
		app.resetRequests();

		assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey(GrantRevocationProcess.KEY)
			.startBeforeActivity(GrantRevocationProcess.REVOKE_GRANTS)
			.setVariable(GrantRevocationProcess.SCHOOL_URN, school.urn())
			.setVariable(GrantRevocationProcess.APP_ID, appId)
			.setVariable(GrantRevocationProcess.SCOPES, "")
			.execute()).hasMessageContaining("bound to no revocation");
		ProcessInstance forgedNotice = runtimeService.createProcessInstanceByKey(GrantRevocationProcess.KEY)
			.startBeforeActivity(GrantRevocationProcess.NOTIFY_APP)
			.setVariable(GrantRevocationProcess.SCHOOL_URN, school.urn())
			.setVariable(GrantRevocationProcess.APP_ID, appId)
			.execute();
		Job notice = managementService.createJobQuery().processInstanceId(forgedNotice.getId()).singleResult();
		assertThatThrownBy(() -> managementService.executeJob(notice.getId()))
			.hasMessageContaining("bound to no revocation");
		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope)
			.containsExactlyInAnyOrder("school", "calendar");

		String revocation = revocations.revoke(school.urn(), appId, "calendar", school.administrator(), "Not needed");
		ProcessInstance instance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(revocation)
			.singleResult();
		runtimeService.setVariable(instance.getId(), GrantRevocationProcess.SCOPES, "school");
		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
			.startBeforeActivity(GrantRevocationProcess.REVOKE_GRANTS)
			.execute()).hasMessageContaining("ended its grants already");

		assertThat(grants.inForce(school.urn(), appId)).extracting(Grant::scope).containsExactly("school");
		app.verify(0, postRequestedFor(urlEqualTo("/hooks")));
	}

	@Test
	void anInstanceStartedAtAUserTaskCreatesNoTaskAndOffersNothingToAnyone() {
		AccessRequest request = awaitingSecondApproval();
		long tasks = taskService.createTaskQuery().count();

		for (String userTask : List.of(DataAccessRequestProcess.REVIEW, DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY,
				DataAccessRequestProcess.FIX_MIS_PERMISSIONS)) {
			assertThatThrownBy(() -> startAt(userTask, request)).as(userTask)
				.hasMessageContaining("bound to no data access request");
		}

		assertThat(taskService.createTaskQuery().count()).isEqualTo(tasks);
		assertThat(taskService.getIdentityLinksForTask(confirmationOf(request).getId()))
			.extracting(link -> link.getUserId())
			.containsExactly(school.secondAdministrator());
		assertThat(requests.findById(request.id()).orElseThrow().status())
			.isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);
	}

	private AccessRequest awaitingSecondApproval() {
		AccessRequest request = submit(appId, required("students.basic"), justified("students.sen_needs", false));
		complete(reviewOf(request), school.administrator(), Variables.putValue(DataAccessRequestProcess.DECISION, "APPROVE")
			.putValue(DataAccessRequestProcess.APPROVED_SCOPES,
					DataAccessRequestProcess.json(List.of("students.basic", "students.sen_needs"))));
		assertThat(requests.findById(request.id()).orElseThrow().status())
			.isEqualTo(AccessRequestStatus.AWAITING_SECOND_APPROVAL);
		return request;
	}

	/**
	 * A new instance started at an inner activity, carrying the request's id and school as variables.
	 */
	private ProcessInstance startAt(String activityId, AccessRequest request) {
		return runtimeService.createProcessInstanceByKey(DataAccessRequestProcess.KEY)
			.startBeforeActivity(activityId)
			.setVariable(DataAccessRequestProcess.REQUEST_ID, request.id())
			.setVariable(DataAccessRequestProcess.SCHOOL_URN, request.schoolUrn())
			.setVariable(DataAccessRequestProcess.APP_ID, request.appId())
			.execute();
	}

	private AccessRequest submit(String app, AccessRequestSubmission.ScopeRequest... scopes) {
		return service.submit(app, asking(school.urn(), scopes), null).request();
	}

	private ProcessInstance instanceOf(AccessRequest request) {
		return runtimeService.createProcessInstanceQuery()
			.processInstanceId(requests.instanceOf(request.id()).orElseThrow())
			.singleResult();
	}

	private Task reviewOf(AccessRequest request) {
		return taskOf(request, DataAccessRequestProcess.REVIEW);
	}

	private Task confirmationOf(AccessRequest request) {
		return taskOf(request, DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY);
	}

	private Task taskOf(AccessRequest request, String taskKey) {
		return taskService.createTaskQuery()
			.processInstanceId(requests.instanceOf(request.id()).orElseThrow())
			.taskDefinitionKey(taskKey)
			.singleResult();
	}

	/**
	 * Completes the task as the user, signed in with their groups and tenants as Tasklist or the REST API would.
	 */
	private void complete(Task task, String administrator, Map<String, Object> variables) {
		SignedIn.complete(identityService, taskService, task.getId(), administrator, variables);
	}
}
