package uk.schooldata.approvals.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.workflow.DecisionRefusals;

/**
 * A school's place in the identity service: its tenant (id = URN) and its administrators.
 */
@Component
public class SchoolIdentities {

	private static final Logger LOG = LoggerFactory.getLogger(SchoolIdentities.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final IdentityService identityService;

	private final boolean printInitialPasswords;

	SchoolIdentities(IdentityService identityService,
			@Value("${app.security.print-initial-passwords:false}") boolean printInitialPasswords) {
		this.identityService = identityService;
		this.printInitialPasswords = printInitialPasswords;
	}

	/**
	 * Creates the school's tenant unless it exists. Platform operators and auditors belong to every school's tenant.
	 */
	public void createTenant(String urn, String schoolName) {
		if (identityService.createTenantQuery().tenantId(urn).count() == 1) {
			return;
		}
		Tenant tenant = identityService.newTenant(urn);
		tenant.setName(schoolName);
		identityService.saveTenant(tenant);
		identityService.createTenantGroupMembership(urn, Roles.PLATFORM_ADMINS);
		identityService.createTenantGroupMembership(urn, Roles.AUDITORS);
		LOG.info("Created tenant for school {}", urn);
	}

	/**
	 * Makes the person with this email an administrator of the school, and of that school only. A new user gets a
	 * random password that is never logged, except where {@code app.security.print-initial-passwords} is on (the
	 * default, demo profile): then it is printed once for the operator to pass on. An existing user keeps theirs.
	 *
	 * @return the administrator's user id: the email address in lower case
	 */
	public String addAdministrator(String urn, String email) {
		Tenant school = identityService.createTenantQuery().tenantId(urn).singleResult();
		return addAdministrator(urn, school != null && school.getName() != null ? school.getName() : "school " + urn,
				email);
	}

	/**
	 * As {@link #addAdministrator(String, String)}, naming the school: "Administrator Northfield Academy" is how
	 * Tasklist and Cockpit show them.
	 */
	public String addAdministrator(String urn, String schoolName, String email) {
		String userId = administratorId(email);
		if (identityService.createUserQuery().userId(userId).count() == 0) {
			User user = identityService.newUser(userId);
			user.setEmail(email);
			user.setFirstName("Administrator");
			user.setLastName(schoolName);
			String password = randomSecret();
			user.setPassword(password);
			identityService.saveUser(user);
			if (printInitialPasswords) {
				LOG.info("DEMO ONLY - first administrator of school {} is '{}' with initial password '{}'", urn, userId,
						password);
			}
		}
		if (identityService.createUserQuery().userId(userId).memberOfGroup(Roles.SCHOOL_ADMINS).count() == 0) {
			identityService.createMembership(userId, Roles.SCHOOL_ADMINS);
		}
		if (identityService.createTenantQuery().tenantId(urn).userMember(userId).count() == 0) {
			identityService.createTenantUserMembership(urn, userId);
		}
		return userId;
	}

	/**
	 * The user id of the administrator with this email address: the address in lower case.
	 */
	public static String administratorId(String email) {
		return email.toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the user administers this school: in {@code school-admins} and a member of the school's tenant.
	 */
	public boolean isAdministrator(String userId, String urn) {
		return identityService.createUserQuery()
			.userId(userId)
			.memberOfGroup(Roles.SCHOOL_ADMINS)
			.memberOfTenant(urn)
			.count() == 1;
	}

	/**
	 * Who is deciding a school's user task, and whether they may: the signed-in user (Tasklist, {@code /engine-rest}),
	 * or else the task's assignee; always an administrator of that school, never a platform operator on its behalf.
	 *
	 * @param field the form field a refusal is reported on
	 * @throws FormFieldValidationException when nobody can be named or they do not administer the school; Tasklist
	 * shows it next to the form and the task stays open
	 */
	public String administratorDeciding(DelegateTask task, String urn, String field) {
		Authentication authentication = identityService.getCurrentAuthentication();
		String userId = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
				: task.getAssignee();
		if (userId == null) {
			throw DecisionRefusals.refuse(field,
					"Claim the task before completing it, so the decision is yours on record.");
		}
		if (!isAdministrator(userId, urn)) {
			throw DecisionRefusals.refuse(field, "Only an administrator of school " + urn + " may decide this.");
		}
		return userId;
	}

	/**
	 * The user ids of the school's administrators, sorted.
	 */
	public List<String> administrators(String urn) {
		return administratorsOf(urn).stream().map(User::getId).sorted().toList();
	}

	/**
	 * The email addresses of the school's administrators.
	 */
	public List<String> administratorEmails(String urn) {
		return administratorsOf(urn).stream()
			.map(User::getEmail)
			.filter(email -> email != null && !email.isBlank())
			.sorted()
			.toList();
	}

	private List<User> administratorsOf(String urn) {
		return identityService.createUserQuery().memberOfGroup(Roles.SCHOOL_ADMINS).memberOfTenant(urn).list();
	}

	static String randomSecret() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
