package uk.schooldata.approvals.invite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.security.SchoolIdentities;

/**
 * Checks the permissions an administrator assigns when they complete Assign permissions: an administrator of the
 * invite's school, at least one permission, and only those that fit the source group
 * ({@link SourceGroup#fittingPermissions()}). A refusal leaves the task open; Tasklist shows it next to the form.
 */
@Component
class AssignPermissionsListener implements TaskListener {

	private final SchoolIdentities schoolIdentities;

	AssignPermissionsListener(SchoolIdentities schoolIdentities) {
		this.schoolIdentities = schoolIdentities;
	}

	@Override
	public void notify(DelegateTask task) {
		String userId = schoolIdentities.administratorDeciding(task, UserInviteProcess.schoolUrn(task),
				UserInviteProcess.PERMISSIONS);
		SourceGroup group = SourceGroup.valueOf((String) task.getVariable(UserInviteProcess.SOURCE_GROUP));
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
		return new FormFieldValidationException(UserInviteProcess.PERMISSIONS, message);
	}
}
