package uk.schooldata.approvals.onboarding;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.onboarding.SchoolOnboardingProcess.Resolution;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.workflow.TaskTitles;

/**
 * Keeps the school's status in step with the Resolve onboarding problem task: {@code ACTION_REQUIRED} while it is
 * open, back to {@code ONBOARDING} when an operator chooses to retry. A completion without a valid resolution is
 * refused, so the task stays open.
 */
@Component
class OnboardingProblemTaskListener implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(OnboardingProblemTaskListener.class);

	private final Schools schools;

	OnboardingProblemTaskListener(Schools schools) {
		this.schools = schools;
	}

	@Override
	public void notify(DelegateTask task) {
		School school = schools.boundTo(task.getProcessInstanceId());
		String urn = school.urn();
		switch (task.getEventName()) {
			case EVENTNAME_CREATE -> {
				schools.recordProblem(urn, (String) task.getVariable(SchoolOnboardingProcess.PROBLEM));
				// What the operator decides by, in Tasklist's list: which school, and why it stopped.
				task.setName(TaskTitles.fit("Resolve onboarding: " + school.name() + " (" + urn + ")"));
				task.setDescription(TaskTitles.fit("The MIS refused: "
						+ TaskTitles.oneLine((String) task.getVariable(SchoolOnboardingProcess.PROBLEM))));
				task.setPriority(TaskTitles.URGENT);
				LOG.warn("School {}: onboarding needs a platform operator ({})", urn,
						task.getVariable(SchoolOnboardingProcess.PROBLEM_CODE));
			}
			case EVENTNAME_COMPLETE -> {
				if (resolution(task) == Resolution.RETRY) {
					schools.resumeOnboarding(urn);
				}
			}
			default -> {
			}
		}
	}

	private static Resolution resolution(DelegateTask task) {
		Object value = task.getVariable(SchoolOnboardingProcess.RESOLUTION);
		List<String> allowed = Arrays.stream(Resolution.values()).map(Enum::name).toList();
		if (!(value instanceof String resolution) || !allowed.contains(resolution)) {
			throw new InvalidRequestException(List.of(new FieldProblem(SchoolOnboardingProcess.RESOLUTION,
					"must be one of " + allowed)));
		}
		return Resolution.valueOf((String) value);
	}
}
