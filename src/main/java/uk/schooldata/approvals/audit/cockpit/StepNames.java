package uk.schooldata.approvals.audit.cockpit;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The names a diagram gives its steps, so that the history speaks of "Create the school's MIS user", not of
 * {@code Task_CreateMisUser}.
 */
final class StepNames {

	/** What the engine appends to the id of the activity that holds a multi-instance activity's instances. */
	static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

	private final BpmnModelInstance model;

	StepNames(BpmnModelInstance model) {
		this.model = model;
	}

	/**
	 * The names of a deployed diagram; ids only if its deployment is gone (the history outlives it).
	 */
	static StepNames of(RepositoryService repository, String processDefinitionId) {
		try {
			return new StepNames(repository.getBpmnModelInstance(processDefinitionId));
		}
		catch (ProcessEngineException gone) {
			return new StepNames(null);
		}
	}

	/**
	 * The step's name on one line, or its id when it has none; {@code null} for {@code null}.
	 */
	String of(String activityId) {
		if (activityId == null) {
			return null;
		}
		String elementId = elementId(activityId);
		ModelElementInstance element = model == null ? null : model.getModelElementById(elementId);
		if (element instanceof FlowElement flowElement && flowElement.getName() != null
				&& !flowElement.getName().isBlank()) {
			return oneLine(flowElement.getName());
		}
		return elementId;
	}

	/** The diagram element an activity instance belongs to. */
	static String elementId(String activityId) {
		return activityId.endsWith(MULTI_INSTANCE_BODY)
				? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
	}

	/** Names in diagrams often break lines where the shape is narrow. */
	static String oneLine(String name) {
		return name == null ? null : name.replaceAll("\\s+", " ").strip();
	}
}
