package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import uk.schooldata.approvals.ProcessTest;
import uk.schooldata.approvals.invite.InviteBatch.Skipped;
import uk.schooldata.approvals.invite.InviteScenario.School;
import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * Batches: who is invited, who is skipped and why, people picked from the MIS simulator through the MIS port; and a
 * large batch that starts its processes in the background, in chunks. The job executor is off, so nothing is sent.
 */
@ProcessTest
@Import(InviteScenario.class)
class InviteBatchProcessTests {

	@Autowired
	InviteScenario scenario;

	@Autowired
	InviteService service;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	InviteStarts starts;

	School school;

	@BeforeEach
	void anOnboardedSchool() {
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
	void aLargeBatchAnswersAtOnceAndStartsItsProcessesInChunksInTheBackground() {
		List<String> yearSeven = scenario.students(school.urn())
			.stream()
			.filter(student -> student.yearGroup() == 7)
			.map(Student::registrationGroup)
			.distinct()
			.toList();

		InviteBatch batch = service.invite(school.urn(), new InviteRequest(SourceGroup.STUDENTS, null, yearSeven),
				school.administrator());

		assertThat(batch.invited()).isGreaterThan(100);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runtimeService.createProcessInstanceQuery()
				.processDefinitionKey(UserInviteProcess.KEY)
				.tenantIdIn(school.urn())
				.count(), count -> count == batch.invited());
		assertThat(service.batch(batch.id()).orElseThrow().progress())
			.containsExactly(Map.entry(InviteStatus.PENDING, batch.invited()));
	}

	@Test
	void aPendingInviteLeftUnstartedByAStoppedNodeIsStartedWhenTheApplicationStartsAndOnlyOnce() {
		Invite invite = invite(SourceGroup.STAFF, scenario.aStaffMemberWithEmail(school.urn()).id());
		runtimeService.deleteProcessInstance(
				runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(invite.id()).singleResult().getId(),
				"simulating a node that stopped before starting it");
		scenario.markUnstarted(invite.id());

		starts.startLeftovers();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(invite.id()).count(),
					count -> count == 1);
		starts.startLeftovers();
		starts.start(List.of(invite));

		assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(invite.id()).count()).isOne();
	}

	private Invite invite(SourceGroup group, String personId) {
		InviteBatch batch = service.invite(school.urn(), new InviteRequest(group, List.of(personId), null),
				school.administrator());
		assertThat(batch.invited()).as("skipped: %s", batch.skipped()).isOne();
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
