package uk.schooldata.approvals.invite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.audit.DecisionKind;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.audit.LedgerEntry;

import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.workflow.DecisionRefusals;

/**
 * Checks and records the permissions an administrator assigns when they complete Assign permissions: an
 * administrator of the invite's school, at least one permission, and only those that fit the invite's source group
 * ({@link SourceGroup#fittingPermissions()}). School and group come from the invite bound to the instance, never from
 * a variable. A refusal leaves the task open; Tasklist shows it next to the form.
 */
@Component
class AssignPermissionsListener implements TaskListener {

	private final SchoolIdentities schoolIdentities;

	private final Invites invites;

	private final DecisionLedger ledger;

	AssignPermissionsListener(SchoolIdentities schoolIdentities, Invites invites, DecisionLedger ledger) {
		this.schoolIdentities = schoolIdentities;
		this.invites = invites;
		this.ledger = ledger;
	}

	@Override
	public void notify(DelegateTask task) {
		Invite invite = invites.boundTo(task.getProcessInstanceId());
		String userId = schoolIdentities.administratorDeciding(task, invite.schoolUrn(), UserInviteProcess.PERMISSIONS);
		SourceGroup group = invite.sourceGroup();
		List<Permission> permissions = permissions(task.getVariable(UserInviteProcess.PERMISSIONS));
		if (permissions.isEmpty()) {
			throw refusal("Assign at least one permission.");
		}
		List<String> unfitting = permissions.stream()
			.filter(permission -> !group.fittingPermissions().contains(permission))
			.map(Enum::name)
			.toList();
		if (!unfitting.isEmpty()) {
			throw refusal("Not for " + group + ": " + String.join(", ", unfitting) + ". These fit: "
					+ String.join(", ", group.fittingPermissions().stream().map(Enum::name).toList()) + ".");
		}
		if (!invites.recordPermissions(invite.id(), permissions, userId)) {
			throw refusal("Permissions were assigned already.");
		}
		ledger.append(new LedgerEntry(invite.schoolUrn(), DecisionKind.PERMISSIONS_ASSIGNED, invite.id(), null,
				String.join(", ", permissions.stream().map(Enum::name).toList()), userId, null,
				ClockUtil.getCurrentTime().toInstant()));
		task.setVariable(UserInviteProcess.PERMISSIONS_BY, userId);
	}

	/**
	 * @throws FormFieldValidationException for a name that is not a {@link Permission}
	 */
	static List<Permission> permissions(Object value) {
		List<Permission> permissions = new ArrayList<>();
		for (String name : new LinkedHashSet<>(UserInviteProcess.strings(value))) {
			try {
				permissions.add(Permission.valueOf(name.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw refusal("'" + name + "' is not a permission.");
			}
		}
		return permissions;
	}

	private static FormFieldValidationException refusal(String message) {
		return DecisionRefusals.refuse(UserInviteProcess.PERMISSIONS, message);
	}
}
