package uk.schooldata.approvals.accessrequest;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.workflow.TaskTitles;

/**
 * Makes each task of a data access request say what it is about in Tasklist's list, from the request's row: the app,
 * how many scopes and how many special-category, the school, the deadline as due date, special-category work first.
 * The confirmation of special-category scopes is offered only to the school's other administrators: the reviewer
 * cannot confirm their own approval, so it is not put in front of them.
 */
@Component
class DecisionTasks implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(DecisionTasks.class);

	private final AccessRequests requests;

	private final ScopeCatalogue catalogue;

	private final Apps apps;

	private final Schools schools;

	private final SchoolIdentities schoolIdentities;

	DecisionTasks(AccessRequests requests, ScopeCatalogue catalogue, Apps apps, Schools schools,
			SchoolIdentities schoolIdentities) {
		this.requests = requests;
		this.catalogue = catalogue;
		this.apps = apps;
		this.schools = schools;
		this.schoolIdentities = schoolIdentities;
	}

	@Override
	public void notify(DelegateTask task) {
		AccessRequest request = requests.boundTo(task.getProcessInstanceId());
		String app = apps.findById(request.appId()).map(found -> found.name()).orElse(request.appId());
		String school = schools.findByUrn(request.schoolUrn()).map(found -> found.name()).orElse(request.schoolUrn());
		long special = request.scopeNames().stream().filter(this::isSpecialCategory).count();
		int scopes = request.scopes().size();
		String name = switch (task.getTaskDefinitionKey()) {
			case DataAccessRequestProcess.REVIEW -> "Review: " + app + " asks for " + scopes
					+ (scopes == 1 ? " scope" : " scopes") + (special == 0 ? "" : " (" + special + " special-category)");
			case DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY -> "Confirm special-category data for " + app;
			case DataAccessRequestProcess.FIX_MIS_PERMISSIONS -> "Fix MIS permissions for " + app + "'s request";
			default -> task.getName();
		};
		task.setName(TaskTitles.fit(name));
		task.setDescription(TaskTitles.fit(school + ": " + TaskTitles.oneLine(request.purpose())));
		task.setDueDate(Date.from(request.deadline()));
		task.setPriority(special > 0 ? TaskTitles.URGENT : TaskTitles.NORMAL);
		if (DataAccessRequestProcess.CONFIRM_SPECIAL_CATEGORY.equals(task.getTaskDefinitionKey())) {
			offerToTheOtherAdministrators(task, request);
		}
	}

	private void offerToTheOtherAdministrators(DelegateTask task, AccessRequest request) {
		List<String> others = schoolIdentities.administrators(request.schoolUrn())
			.stream()
			.filter(administrator -> !administrator.equals(request.decidedBy()))
			.toList();
		// The diagram names no candidates for this task: these are its only ones.
		task.addCandidateUsers(others);
		if (others.isEmpty()) {
			LOG.warn("Request {}: school {} has no second administrator to confirm its special-category scopes",
					request.id(), request.schoolUrn());
		}
	}

	private boolean isSpecialCategory(String scope) {
		return catalogue.find(scope).map(Scope::isSpecialCategory).orElse(false);
	}
}
