package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.TestServers;
import uk.schooldata.approvals.invite.InviteBatch.Skipped;
import uk.schooldata.approvals.invite.InviteScenario.School;
import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * Batches: who is invited, who is skipped and why, people picked from the MIS simulator through the MIS port; and the
 * {@code invite-batch} process that starts a batch's invitations, a chunk per job. The job executor is off, so the
 * test runs the batch's jobs and nothing is sent.
 */
@ProcessTest
class InviteBatchProcessTests {

	@Autowired
	InviteScenario scenario;

	@Autowired
	InviteService service;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	School school;

	@Autowired
	ProcessEngine engine;

	@BeforeEach
	void anOnboardedSchool() {
		TestServers.clear();
		AbstractAssertions.init(engine);
		school = scenario.anOnboardedSchool();
	}

	@Test
	void skipsEveryoneWhoCannotOrNeedNotBeInvitedAndSaysWhy() {
		List<Contact> contacts = scenario.contacts(school.urn());
		Contact courtOrder = contacts.stream().filter(Contact::courtOrder).findFirst().orElseThrow();
		Contact noResponsibility = contacts.stream()
			.filter(contact -> !contact.parentalResponsibility() && !contact.courtOrder())
			.findFirst()
			.orElseThrow();
		List<Contact> eligible = contacts.stream()
			.filter(contact -> contact.parentalResponsibility() && !contact.courtOrder() && contact.email() != null)
			.toList();
		Contact noEmail = contacts.stream()
			.filter(contact -> contact.parentalResponsibility() && !contact.courtOrder() && contact.email() == null)
			.findFirst()
			.orElseThrow();
		Contact invitedBefore = eligible.get(0);
		Contact activeBefore = eligible.get(1);
		Contact fresh = eligible.get(2);
		invite(SourceGroup.PARENTS, invitedBefore.id());
		makeActive(invite(SourceGroup.PARENTS, activeBefore.id()));

		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.PARENTS,
				List.of(courtOrder.id(), noResponsibility.id(), noEmail.id(), invitedBefore.id(), activeBefore.id(),
						"CON-NOBODY", fresh.id(), fresh.id()),
				null), school.administrator());

		assertThat(batch.invited()).isOne();
		assertThat(batch.progress()).containsExactly(Map.entry(InviteStatus.PENDING, 1));
		assertThat(batch.skipped()).containsExactlyInAnyOrder(new Skipped(courtOrder.id(), SkipReason.COURT_ORDER),
				new Skipped(noResponsibility.id(), SkipReason.NO_PARENTAL_RESPONSIBILITY),
				new Skipped(noEmail.id(), SkipReason.NO_EMAIL),
				new Skipped(invitedBefore.id(), SkipReason.ALREADY_INVITED),
				new Skipped(activeBefore.id(), SkipReason.ALREADY_ACTIVE),
				new Skipped("CON-NOBODY", SkipReason.UNKNOWN_PERSON));
		assertThat(service.batch(batch.id())).contains(batch);
		scenario.startBatch(batch.id());
		assertThat(runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(UserInviteProcess.KEY)
			.tenantIdIn(school.urn())
			.count()).isEqualTo(2);
	}

	@Test
	void invitesAWholeRegistrationGroupOfStudentsExceptThoseWithoutEmail() {
		Student withoutEmail = scenario.students(school.urn())
			.stream()
			.filter(student -> student.email() == null)
			.findFirst()
			.orElseThrow();
		String group = withoutEmail.registrationGroup();
		List<Student> members = scenario.students(school.urn())
			.stream()
			.filter(student -> student.registrationGroup().equals(group))
			.toList();

		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.STUDENTS, null, List.of(group)),
				school.administrator());

		long withEmail = members.stream().filter(student -> student.email() != null).count();
		assertThat(batch.invited()).isEqualTo(withEmail);
		assertThat(batch.skipped()).isNotEmpty()
			.allSatisfy(skipped -> assertThat(skipped.reason()).isEqualTo(SkipReason.NO_EMAIL))
			.extracting(Skipped::personId)
			.contains(withoutEmail.id());
		assertThat(service.list(school.urn(), InviteStatus.PENDING, SourceGroup.STUDENTS)).hasSize((int) withEmail);
	}

	@Test
	void invitesTheEligibleParentsOfTheStudentsInAGroup() {
		String group = "8B";
		Set<String> students = scenario.students(school.urn())
			.stream()
			.filter(student -> student.registrationGroup().equals(group))
			.map(Student::id)
			.collect(Collectors.toSet());
		List<Contact> parents = scenario.contacts(school.urn())
			.stream()
			.filter(contact -> contact.studentIds().stream().anyMatch(students::contains))
			.toList();
		Set<String> eligible = parents.stream()
			.filter(contact -> contact.parentalResponsibility() && !contact.courtOrder() && contact.email() != null)
			.map(Contact::id)
			.collect(Collectors.toSet());

		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.PARENTS, null, List.of(group)),
				school.administrator());

		assertThat(batch.invited()).isEqualTo(eligible.size());
		assertThat(batch.invited() + batch.skipped().size()).isEqualTo(parents.size());
		assertThat(new HashSet<>(service.list(school.urn(), null, SourceGroup.PARENTS)
			.stream()
			.map(Invite::misPersonId)
			.toList())).isEqualTo(eligible);
	}

	@Test
	void refusesStaffByGroupAndUnknownGroupsBeforeWritingAnything() {
		assertThatThrownBy(() -> service.invite(school.urn(), new InviteRequest(SourceGroup.STAFF, null, List.of("7A")),
				school.administrator()))
			.isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.fieldProblems())
				.anySatisfy(problem -> assertThat(problem.field()).isEqualTo("groupIds")));
		assertThatThrownBy(() -> service.invite(school.urn(),
				new InviteRequest(SourceGroup.STUDENTS, null, List.of("7A", "13Z")), school.administrator()))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					ex -> assertThat(ex.getBody().getDetail()).contains("13Z"));
		assertThatThrownBy(() -> service.invite(school.urn(), new InviteRequest(SourceGroup.STUDENTS, null, null),
				school.administrator()))
			.isInstanceOf(InvalidRequestException.class);
		assertThat(service.list(school.urn(), null, null)).isEmpty();
	}

	@Test
	void aLargeBatchAnswersAtOnceAndItsProcessStartsTheInvitationsOneChunkPerJob() {
		List<String> yearSeven = scenario.students(school.urn())
			.stream()
			.filter(student -> student.yearGroup() == 7)
			.map(Student::registrationGroup)
			.distinct()
			.toList();

		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.STUDENTS, null, yearSeven),
				school.administrator());

		assertThat(batch.invited()).isGreaterThan(100);
		assertThat(inviteInstances()).as("nothing started before the batch's jobs run").isZero();
		ProcessInstance batchInstance = batchInstance(batch);
		assertThat(batchInstance.getTenantId()).isEqualTo(school.urn());
		managementService.executeJob(managementService.createJobQuery()
			.processInstanceId(batchInstance.getId())
			.singleResult()
			.getId());
		List<Job> chunks = managementService.createJobQuery()
			.processInstanceId(batchInstance.getId())
			.activityId(InviteBatchProcess.START_INVITES)
			.list();
		assertThat(chunks).hasSize((batch.invited() + 99) / 100);

		scenario.startBatch(batch.id());

		assertThat(inviteInstances()).isEqualTo(batch.invited());
		assertThat(batchInstance).isEnded();
		assertThat(service.batch(batch.id()).orElseThrow().progress())
			.containsExactly(Map.entry(InviteStatus.PENDING, batch.invited()));
	}

	@Test
	void aChunkRunAgainStartsNoInvitationTwice() {
		String group = scenario.students(school.urn()).get(0).registrationGroup();
		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.STUDENTS, null, List.of(group)),
				school.administrator());
		ProcessInstance batchInstance = batchInstance(batch);
		managementService.executeJob(managementService.createJobQuery()
			.processInstanceId(batchInstance.getId())
			.singleResult()
			.getId());
		// As an operator running the whole step again from Cockpit: every chunk twice.
		runtimeService.createProcessInstanceModification(batchInstance.getId())
			.startBeforeActivity(InviteBatchProcess.START_INVITES + "#multiInstanceBody")
			.execute();
		assertThat(managementService.createJobQuery().processInstanceId(batchInstance.getId()).count()).isEqualTo(2);

		scenario.startBatch(batch.id());

		assertThat(inviteInstances()).isEqualTo(batch.invited());
	}

	@Test
	void aBatchInstanceThatNoBatchStartedStartsNothing() {
		InviteBatch batch = service.invite(school.urn(),
				new InviteRequest(SourceGroup.STAFF, List.of(scenario.aStaffMemberWithEmail(school.urn()).id()), null),
				school.administrator());
		ProcessInstance forged = runtimeService.createProcessInstanceByKey(InviteBatchProcess.KEY)
			.businessKey(batch.id())
			.setVariable(InviteBatchProcess.SCHOOL_URN, school.urn())
			.execute();
		Job start = managementService.createJobQuery().processInstanceId(forged.getId()).singleResult();

		assertThatThrownBy(() -> managementService.executeJob(start.getId()))
			.hasMessageContaining("bound to no invite batch");
		assertThat(inviteInstances()).isZero();
	}

	private ProcessInstance batchInstance(InviteBatch batch) {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(InviteBatchProcess.KEY)
			.processInstanceBusinessKey(batch.id())
			.singleResult();
	}

	private long inviteInstances() {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(UserInviteProcess.KEY)
			.tenantIdIn(school.urn())
			.count();
	}

	private Invite invite(SourceGroup group, String personId) {
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

	private void makeActive(Invite invite) {
		String instance = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(invite.id())
			.singleResult()
			.getId();
		scenario.runJobs(instance);
		scenario.acceptAndAssign(invite.id(), school.administrator());
		assertThat(service.find(invite.id()).orElseThrow().status()).isEqualTo(InviteStatus.ACTIVE);
	}
}
