package uk.schooldata.approvals.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import uk.schooldata.approvals.Jobs;
import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.SignedIn;
import uk.schooldata.approvals.TestServers;
import uk.schooldata.approvals.audit.AuditEvent;
import uk.schooldata.approvals.audit.AuditEventType;
import uk.schooldata.approvals.audit.AuditEvents;
import uk.schooldata.approvals.audit.AuditQuery;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisRefusedException;
import uk.schooldata.approvals.mis.MisUnavailableException;
import uk.schooldata.approvals.mis.simulator.MisSimulator;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * One test per path through {@code school-onboarding}, against the MIS simulator over HTTP.
 */
@ProcessTest
class SchoolOnboardingProcessTests {

	private static final String PLATFORM_USERNAME = "sda-platform";

	@Autowired
	ProcessEngine engine;

	@Autowired
	SchoolOnboardingProcess onboarding;

	@Autowired
	Schools schools;

	@Autowired
	MisSimulator simulator;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Autowired
	TaskService taskService;

	@Autowired
	FormService formService;

	@Autowired
	IdentityService identityService;

	@Autowired
	AuditEvents auditEvents;

	@Value("${app.operator.username}")
	String operator;

	@BeforeEach
	void useThisEngineForAssertions() {
		TestServers.clear();
		AbstractAssertions.init(engine);
	}

	@AfterEach
	void healTheMis() {
		simulator.reset();
	}

	@Test
	void anInstanceStartedPastTheRegistrationWorksOnNoSchool() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		ProcessInstance registered = onboarding.start(school);
		ProcessInstance forged = runtimeService.createProcessInstanceByKey(SchoolOnboardingProcess.KEY)
			.startBeforeActivity(SchoolOnboardingProcess.CREATE_MIS_USER)
			.setVariable(SchoolOnboardingProcess.URN, school.urn())
			.execute();

		assertThatThrownBy(() -> runJobsOf(forged)).hasMessageContaining("bound to no school");
		assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey(SchoolOnboardingProcess.KEY)
			.startBeforeActivity(SchoolOnboardingProcess.ACTIVATE_SCHOOL)
			.setVariable(SchoolOnboardingProcess.URN, school.urn())
			.execute()).hasMessageContaining("bound to no school");

		assertThat(simulator.user(school.urn(), PLATFORM_USERNAME)).isEmpty();
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.ONBOARDING);
		runJobsOf(registered);
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.ACTIVE);
	}

	@Test
	void createsMisUserAddsSixGroupsConfirmsThemAndActivatesTheSchool() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();

		ProcessInstance instance = onboarding.start(school);

		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.CREATE_MIS_USER);
		assertThat(instance.getBusinessKey()).isEqualTo(school.urn());
		assertThat(instance.getTenantId()).isEqualTo(school.urn());
		assertThat(schools.findByUrn(school.urn())).get().extracting(School::status)
			.isEqualTo(OnboardingStatus.ONBOARDING);
		runJobsOf(instance);

		assertThat(instance).hasPassed(SchoolOnboardingProcess.CONFIRM_MIS_GROUPS,
				SchoolOnboardingProcess.EMAIL_SCHOOL, SchoolOnboardingProcess.ACTIVATE_SCHOOL)
			.isEnded()
			.hasPassed(SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		School onboarded = schools.findByUrn(school.urn()).orElseThrow();
		assertThat(onboarded.status()).isEqualTo(OnboardingStatus.ACTIVE);
		assertThat(onboarded.activatedAt()).isNotNull();
		assertThat(onboarded.confirmedMisGroups()).containsExactlyInAnyOrder("Administration Assistant",
				"Class Teacher", "Senior Management Team", "Personnel Officer", "Third Party Reporter",
				"Assessment Operator");
		assertThat(simulator.user(school.urn(), PLATFORM_USERNAME)).get()
			.satisfies(user -> assertThat(user.id()).isEqualTo(onboarded.misUserId()))
			.satisfies(user -> assertThat(user.isIn(MisPermissionGroup.COVER_MANAGER)).isFalse())
			.satisfies(user -> assertThat(user.groups()).hasSize(6));
		assertThat(identityService.createTenantQuery().tenantId(school.urn()).singleResult().getName())
			.isEqualTo(school.name());
		assertThat(identityService.createUserQuery()
			.userId(school.contactEmail())
			.memberOfGroup("school-admins")
			.memberOfTenant(school.urn())
			.count()).isOne();
		assertThat(identityService.createTenantQuery().userMember(school.contactEmail()).list())
			.extracting(tenant -> tenant.getId())
			.containsExactly(school.urn());
		assertThat(identityService.createUserQuery().userId(school.contactEmail()).singleResult())
			.as("named as Tasklist shows them")
			.satisfies(administrator -> assertThat(administrator.getFirstName() + " " + administrator.getLastName())
				.isEqualTo("Administrator " + school.name()));
	}

	@Test
	void addsCoverManagerWhenTheSchoolUsesSchoolBooking() {
		SchoolRegistration school = SchoolRegistrations.riversideSchoolWithSchoolBooking();

		ProcessInstance instance = onboarding.start(school);
		runJobsOf(instance);

		assertThat(instance).isEnded().hasPassed(SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		assertThat(schools.findByUrn(school.urn()).orElseThrow().confirmedMisGroups()).hasSize(7)
			.contains("Cover Manager");
		assertThat(simulator.user(school.urn(), PLATFORM_USERNAME).orElseThrow().isIn(MisPermissionGroup.COVER_MANAGER))
			.isTrue();
	}

	@Test
	void misOutageIsRetriedThenRaisesAnIncidentAndRetryingAfterRecoveryFinishesWithOneMisUser() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		ProcessInstance instance = onboarding.start(school);
		execute(job(instance));
		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.ADD_MIS_PERMISSION_GROUP);

		simulator.failWith(1.0);
		Job failing = job(instance);
		int attempts = 0;
		while (managementService.createJobQuery().jobId(failing.getId()).singleResult().getRetries() > 0) {
			assertThatThrownBy(() -> managementService.executeJob(failing.getId()))
				.isInstanceOf(MisUnavailableException.class)
				.hasMessageContaining("503");
			attempts++;
		}

		assertThat(attempts).isEqualTo(3);
		assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).list()).singleElement()
			.satisfies(incident -> assertThat(incident.getIncidentMessage()).contains("503"));
		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.ADD_MIS_PERMISSION_GROUP);

		simulator.reset();
		// As an operator retrying the incident in Cockpit: one more attempt, now.
		managementService.setJobRetries(failing.getId(), 1);
		managementService.setJobDuedate(failing.getId(), ClockUtil.getCurrentTime());
		runJobsOf(instance);

		assertThat(instance).isEnded().hasPassed(SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		assertThat(simulator.userCount(school.urn())).isEqualTo(1);
		assertThat(simulator.user(school.urn(), PLATFORM_USERNAME).orElseThrow().groups()).hasSize(6);
	}

	@Test
	void unknownSchoolAsksAnOperatorWhoCancelsOnboarding() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		simulator.refuse(school.urn(), MisRefusedException.Reason.UNKNOWN_SCHOOL);

		ProcessInstance instance = onboarding.start(school);
		execute(job(instance));

		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM)
			.variables()
			.containsEntry(SchoolOnboardingProcess.PROBLEM_CODE, SchoolOnboardingProcess.ERROR_MIS_UNKNOWN_SCHOOL);
		assertThat(task(instance)).hasCandidateGroup("platform-admins");
		assertThat(task(instance).getName()).isEqualTo("Resolve onboarding: " + school.name() + " (" + school.urn() + ")");
		assertThat(task(instance).getDescription()).startsWith("The MIS refused: ").contains("does not know school");
		assertThat(schools.findByUrn(school.urn()).orElseThrow())
			.satisfies(stopped -> assertThat(stopped.status()).isEqualTo(OnboardingStatus.ACTION_REQUIRED))
			.satisfies(stopped -> assertThat(stopped.problem()).contains("does not know school"));

		complete(task(instance), withVariables(SchoolOnboardingProcess.RESOLUTION, "CANCEL"));

		assertThat(instance).isEnded().hasPassed(SchoolOnboardingProcess.ONBOARDING_CANCELLED);
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.CANCELLED);
		assertThat(simulator.userCount(school.urn())).isZero();
	}

	@Test
	void theAuditTimelineTellsWhoCancelledOnboardingAndWhenTheSchoolWasOnboardedAfterwards() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		simulator.refuse(school.urn(), MisRefusedException.Reason.UNKNOWN_SCHOOL);
		ProcessInstance cancelled = onboarding.start(school);
		execute(job(cancelled));
		SignedIn.complete(identityService, taskService, task(cancelled).getId(), operator,
				withVariables(SchoolOnboardingProcess.RESOLUTION, "CANCEL"));
		simulator.reset();
		ProcessInstance onboarded = onboarding.start(school);
		runJobsOf(onboarded);

		assertThat(auditEvents.page(new AuditQuery(List.of(school.urn()), null, Set.of(), null, null), 0, 10).events())
			.extracting(AuditEvent::type, AuditEvent::actor, AuditEvent::subject, AuditEvent::processInstanceId)
			.containsExactly(
					tuple(AuditEventType.ONBOARDING_CANCELLED, operator, school.name(), cancelled.getId()),
					tuple(AuditEventType.SCHOOL_ONBOARDED, "system", school.name(), onboarded.getId()));
	}

	@Test
	void unknownSchoolAsksAnOperatorWhoRetriesOnceTheMisKnowsTheSchool() {
		SchoolRegistration school = unknownToTheMis();
		ProcessInstance instance = onboarding.start(school);
		execute(job(instance));
		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM);

		simulator.reset();
		complete(task(instance), withVariables(SchoolOnboardingProcess.RESOLUTION, "RETRY"));
		runJobsOf(instance);

		assertThat(instance).isEnded()
			.hasPassed(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM, SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.ACTIVE);
		assertThat(simulator.userCount(school.urn())).isEqualTo(1);
	}

	@Test
	void forbiddenAccessAsksAnOperatorWhoRetriesOnceTheMisAllowsThePlatform() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		simulator.refuse(school.urn(), MisRefusedException.Reason.FORBIDDEN);

		ProcessInstance instance = onboarding.start(school);
		execute(job(instance));
		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM)
			.variables()
			.containsEntry(SchoolOnboardingProcess.PROBLEM_CODE, SchoolOnboardingProcess.ERROR_MIS_FORBIDDEN);

		simulator.reset();
		complete(task(instance), withVariables(SchoolOnboardingProcess.RESOLUTION, "RETRY"));
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.ONBOARDING);
		runJobsOf(instance);

		assertThat(instance).isEnded().hasPassed(SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		assertThat(schools.findByUrn(school.urn()).orElseThrow().status()).isEqualTo(OnboardingStatus.ACTIVE);
		assertThat(simulator.userCount(school.urn())).isEqualTo(1);
	}

	@Test
	void retryAfterAProblemHalfWayReusesTheMisUserAndAddsNoGroupTwice() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		ProcessInstance instance = onboarding.start(school);
		execute(job(instance));
		execute(job(instance));
		execute(job(instance));
		simulator.refuse(school.urn(), MisRefusedException.Reason.FORBIDDEN);
		execute(job(instance));
		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM);
		String firstUserId = schools.findByUrn(school.urn()).orElseThrow().misUserId();

		simulator.reset();
		complete(task(instance), withVariables(SchoolOnboardingProcess.RESOLUTION, "RETRY"));
		runJobsOf(instance);

		assertThat(instance).isEnded().hasPassed(SchoolOnboardingProcess.SCHOOL_ONBOARDED);
		assertThat(simulator.userCount(school.urn())).isEqualTo(1);
		assertThat(simulator.user(school.urn(), PLATFORM_USERNAME).orElseThrow())
			.satisfies(user -> assertThat(user.id()).isEqualTo(firstUserId))
			.satisfies(user -> assertThat(user.groups()).hasSize(6));
	}

	@Test
	void resolveTaskRefusesACompletionWithoutAResolutionAndStaysOpen() {
		ProcessInstance instance = onboarding.start(unknownToTheMis());
		execute(job(instance));
		Task resolve = task(instance);

		assertThatThrownBy(() -> taskService.complete(resolve.getId()))
			.hasRootCauseInstanceOf(InvalidRequestException.class);

		assertThat(instance).isWaitingAt(SchoolOnboardingProcess.RESOLVE_ONBOARDING_PROBLEM);
	}

	@Test
	void resolveTaskCarriesItsCamundaFormFromTheDeployment() throws Exception {
		ProcessInstance instance = onboarding.start(unknownToTheMis());
		execute(job(instance));

		try (InputStream form = formService.getDeployedTaskForm(task(instance).getId())) {
			String json = new String(form.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(json).contains("\"id\": \"resolve-onboarding-problem\"").contains("\"key\": \"resolution\"");
		}
	}

	@Test
	void refusesToStartWithBadVariablesAndLeavesNothingBehind() {
		long instancesBefore = runtimeService.createProcessInstanceQuery().count();

		assertThatThrownBy(() -> onboarding.start(new SchoolRegistration("12AB", "", "not-an-email", false)))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					refused -> assertThat(refused.fieldProblems()).extracting(problem -> problem.field())
						.containsExactlyInAnyOrder("schoolUrn", "schoolName", "contactEmail"));

		assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
		assertThat(schools.findByUrn("12AB")).isEmpty();
	}

	private SchoolRegistration unknownToTheMis() {
		SchoolRegistration school = SchoolRegistrations.hillsideAcademy();
		simulator.refuse(school.urn(), MisRefusedException.Reason.UNKNOWN_SCHOOL);
		return school;
	}

	private void runJobsOf(ProcessInstance instance) {
		Jobs.runAll(managementService, instance.getId());
	}
}
