package uk.schooldata.approvals.invite;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.workflow.TaskTitles;

/**
 * Makes the Assign permissions task say whose account it is in Tasklist's list, from the invite's row: "Assign
 * permissions: Jane Smith (parent)", and the school as a column.
 */
@Component
class PermissionTasks implements TaskListener {

	private final Invites invites;

	private final Schools schools;

	PermissionTasks(Invites invites, Schools schools) {
		this.invites = invites;
		this.schools = schools;
	}

	@Override
	public void notify(DelegateTask task) {
		Invite invite = invites.boundTo(task.getProcessInstanceId());
		String school = schools.findByUrn(invite.schoolUrn()).map(School::name).orElse(invite.schoolUrn());
		String who = switch (invite.sourceGroup()) {
			case STAFF -> "staff";
			case STUDENTS -> "student";
			case PARENTS -> "parent";
		};
		task.setName(TaskTitles.fit("Assign permissions: " + TaskTitles.oneLine(invite.displayName()) + " (" + who + ")"));
		task.setDescription(TaskTitles.fit(school + ": the account has no permissions until you assign them"));
		task.setPriority(TaskTitles.NORMAL);
		task.getExecution().setVariable(UserInviteProcess.SCHOOL_NAME, school);
		// The form offers these and only these (form-js reads a list of {label, value} from the variable).
		task.getExecution().setVariable(UserInviteProcess.PERMISSION_OPTIONS, Spin.JSON(invite.sourceGroup()
			.fittingPermissions()
			.stream()
			.sorted()
			.map(permission -> Map.of("label", permission.label(), "value", permission.name()))
			.toList()));
	}
}
