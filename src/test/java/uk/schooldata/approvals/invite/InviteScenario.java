package uk.schooldata.approvals.invite;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

import org.springframework.jdbc.core.simple.JdbcClient;

import uk.schooldata.approvals.Jobs;
import uk.schooldata.approvals.SignedIn;
import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisConnector;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.StudentFilter;
import uk.schooldata.approvals.onboarding.SchoolOnboardingProcess;
import uk.schooldata.approvals.onboarding.SchoolRegistration;
import uk.schooldata.approvals.onboarding.SchoolRegistrations;

/**
 * Test data for invitations: a school onboarded through the real process, its people as the MIS simulator has them,
 * and the invitation emails' links. Import it with {@code @Import(InviteScenario.class)}.
 */
public class InviteScenario {

	private static final Pattern TOKEN = Pattern.compile("/invitations/([A-Za-z0-9_-]{43})");

	private final SchoolOnboardingProcess onboarding;

	private final ManagementService managementService;

	private final MisConnector mis;

	private final IdentityService identityService;

	private final TaskService taskService;

	private final JdbcClient jdbc;

	private final InviteService inviteService;

	private final RuntimeService runtimeService;

	InviteScenario(SchoolOnboardingProcess onboarding, ManagementService managementService, MisConnector mis,
			IdentityService identityService, TaskService taskService, JdbcClient jdbc, InviteService inviteService,
			RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
		this.jdbc = jdbc;
		this.inviteService = inviteService;
		this.onboarding = onboarding;
		this.managementService = managementService;
		this.mis = mis;
		this.identityService = identityService;
		this.taskService = taskService;
	}

	/**
	 * Onboards a school through the real process; its first administrator is the registration's contact email.
	 */
	School anOnboardedSchool() {
		SchoolRegistration registration = SchoolRegistrations.hillsideAcademy();
		runJobs(onboarding.start(registration).getId());
		return new School(registration.urn(), registration.contactEmail());
	}

	void runJobs(String processInstanceId) {
		Jobs.runAll(managementService, processInstanceId);
	}

	/**
	 * Makes the invite name another MIS person: as if the MIS had changed the person's record since the batch.
	 */
	void pointAt(String inviteId, String personId) {
		jdbc.sql("update invite set mis_person_id = :person where id = :id").param("person", personId)
			.param("id", inviteId).update();
	}

	/**
	 * Accepts a sent invite without its email (a test that has no mailbox): gives it a token the test knows, accepts
	 * with it, and assigns the first permission that fits.
	 */
	void acceptAndAssign(String inviteId, String administrator) {
		String token = InviteTokens.token("a key only this test knows, not the application's", inviteId, 1);
		jdbc.sql("update invite set token_hash = :hash where id = :id").param("hash", InviteTokens.hash(token))
			.param("id", inviteId).update();
		jdbc.sql("insert into invite_token (token_hash, invite_id, issued_at) values (:hash, :id, current_timestamp)")
			.param("hash", InviteTokens.hash(token)).param("id", inviteId).update();
		Invite invite = inviteService.accept(token, new Acceptance(ExternalProvider.MICROSOFT, "ms-" + inviteId, null));
		Task task = taskService.createTaskQuery()
			.processInstanceBusinessKey(inviteId)
			.taskDefinitionKey(UserInviteProcess.ASSIGN_PERMISSIONS)
			.singleResult();
		Permission permission = invite.sourceGroup() == SourceGroup.STAFF ? Permission.REVIEWER
				: invite.sourceGroup() == SourceGroup.STUDENTS ? Permission.STUDENT : Permission.PARENT;
		complete(task, administrator, Map.of(UserInviteProcess.PERMISSIONS, List.of(permission.name())));
	}

	/**
	 * Runs the batch's {@code invite-batch} jobs, as the job executor would: the batch's {@code user-invite} instances
	 * are started, their send jobs not yet run.
	 */
	void startBatch(String batchId) {
		ProcessInstance batch = runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(InviteBatchProcess.KEY)
			.processInstanceBusinessKey(batchId)
			.singleResult();
		Jobs.runAll(managementService, batch.getId());
	}

	StaffMember aStaffMemberWithEmail(String urn) {
		return mis.listStaff(urn).stream().filter(staff -> staff.email() != null).findFirst().orElseThrow();
	}

	StaffMember aStaffMemberWithEmail(String urn, String except) {
		return mis.listStaff(urn)
			.stream()
			.filter(staff -> staff.email() != null && !staff.id().equals(except))
			.findFirst()
			.orElseThrow();
	}

	StaffMember aStaffMemberWithoutEmail(String urn) {
		return mis.listStaff(urn).stream().filter(staff -> staff.email() == null).findFirst().orElseThrow();
	}

	List<Student> students(String urn) {
		return mis.listStudents(urn, StudentFilter.all());
	}

	Student aStudentWithEmail(String urn) {
		return students(urn).stream().filter(student -> student.email() != null).findFirst().orElseThrow();
	}

	List<Contact> contacts(String urn) {
		return mis.listContacts(urn);
	}

	/**
	 * Completes the task as the user, signed in with their groups and tenants as Tasklist or the REST API would.
	 */
	void complete(Task task, String userId, Map<String, Object> variables) {
		SignedIn.complete(identityService, taskService, task.getId(), userId, variables);
	}

	/**
	 * The token in the plain-text part of an invitation email's link.
	 */
	static String tokenIn(MimeMessage message) {
		Matcher matcher = TOKEN.matcher(text(message, "text/plain"));
		if (!matcher.find()) {
			throw new AssertionError("No invitation link in the email");
		}
		return matcher.group(1);
	}

	static String text(Part part, String mimeType) {
		try {
			if (part.isMimeType(mimeType)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					String found = text(body, mimeType);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new AssertionError(ex);
		}
	}

	record School(String urn, String administrator) {
	}
}
