package uk.schooldata.approvals.audit.cockpit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;

/**
 * The path an instance took, on its diagram. The geometry is the BPMN file's own diagram interchange, read with
 * Camunda's BPMN model API from the model the engine has already parsed and cached; the page draws it.
 * <p>
 * Why not bpmn-js: Cockpit 7.24 hands a plugin only a DOM node and {@code api} (its URLs, engine and CSRF token); its
 * bpmn-js viewer is bundled inside Cockpit's own AngularJS widgets and not exported to plugins. Bundling bpmn-js
 * would need a build step and a download. The processes here use tasks, events, gateways and sub-processes only, all
 * of which a few SVG shapes draw legibly.
 * <p>
 * The engine records which activities ran, not which sequence flows were taken. A flow counts as taken when an
 * instance of its source ended normally (not cancelled) no later than an instance of its target started: right for
 * every path through these models, including a retry that loops back, which starts the target again after the
 * source ended.
 */
final class PathDiagram {

	private PathDiagram() {
	}

	static Diagram of(BpmnModelInstance model, String processDefinitionId, List<HistoricActivityInstance> steps,
			List<HistoricIncident> incidents) {
		Optional<BpmnPlane> plane = model == null ? Optional.empty()
				: model.getDefinitions()
					.getBpmDiagrams()
					.stream()
					.map(BpmnDiagram::getBpmnPlane)
					.filter(Objects::nonNull)
					.findFirst();
		if (plane.isEmpty()) {
			return Diagram.empty(processDefinitionId);
		}
		Path path = new Path(steps, incidents);
		Extent extent = new Extent();
		List<Diagram.Shape> shapes = new ArrayList<>();
		List<Diagram.Edge> edges = new ArrayList<>();
		for (DiagramElement element : plane.get().getDiagramElements()) {
			if (element instanceof BpmnShape shape && shape.getBpmnElement() != null && shape.getBounds() != null) {
				shapes.add(shape(shape, path, extent));
			}
			else if (element instanceof BpmnEdge edge && edge.getBpmnElement() != null
					&& !edge.getWaypoints().isEmpty()) {
				edges.add(edge(edge, path, extent));
			}
		}
		// Containers first, so that what they contain is drawn over them; otherwise the file's order (stable sort).
		shapes.sort(Comparator.comparing((Diagram.Shape shape) -> !isContainer(shape)));
		return new Diagram(processDefinitionId, extent.box(), shapes, edges);
	}

	private static Diagram.Shape shape(BpmnShape shape, Path path, Extent extent) {
		BaseElement element = shape.getBpmnElement();
		Diagram.Box bounds = box(shape.getBounds());
		Diagram.Box label = label(shape.getBpmnLabel());
		extent.add(bounds);
		extent.add(label);
		String id = element.getId();
		return new Diagram.Shape(id, element.getElementType().getTypeName(), name(element), bounds, label,
				shape.isExpanded(), eventKind(element), interrupting(element), loop(element), path.reached(id),
				path.visits(id), path.hadIncident(id));
	}

	private static Diagram.Edge edge(BpmnEdge edge, Path path, Extent extent) {
		BaseElement element = edge.getBpmnElement();
		List<Diagram.Point> waypoints = edge.getWaypoints()
			.stream()
			.map(point -> new Diagram.Point(value(point.getX()), value(point.getY())))
			.toList();
		waypoints.forEach(extent::add);
		Diagram.Box label = label(edge.getBpmnLabel());
		extent.add(label);
		boolean taken = element instanceof SequenceFlow flow && path.took(flow);
		return new Diagram.Edge(element.getId(), element.getElementType().getTypeName(), name(element), waypoints,
				label, taken);
	}

	private static boolean isContainer(Diagram.Shape shape) {
		return "participant".equals(shape.type()) || "lane".equals(shape.type())
				|| (shape.expanded() && Set.of("subProcess", "transaction", "adHocSubProcess").contains(shape.type()));
	}

	private static String name(BaseElement element) {
		if (element instanceof FlowElement flowElement) {
			return StepNames.oneLine(flowElement.getName());
		}
		if (element instanceof Participant participant) {
			return StepNames.oneLine(participant.getName());
		}
		if (element instanceof Lane lane) {
			return StepNames.oneLine(lane.getName());
		}
		if (element instanceof TextAnnotation annotation && annotation.getText() != null) {
			return StepNames.oneLine(annotation.getText().getTextContent());
		}
		return null;
	}

	/** {@code timer}, {@code message}, {@code error}, ... from the event's first event definition. */
	private static String eventKind(BaseElement element) {
		Collection<EventDefinition> definitions;
		if (element instanceof CatchEvent catchEvent) {
			definitions = catchEvent.getEventDefinitions();
		}
		else if (element instanceof ThrowEvent throwEvent) {
			definitions = throwEvent.getEventDefinitions();
		}
		else {
			return null;
		}
		return definitions.stream()
			.findFirst()
			.map(definition -> definition.getElementType().getTypeName().replace("EventDefinition", ""))
			.orElse(null);
	}

	private static boolean interrupting(BaseElement element) {
		if (element instanceof BoundaryEvent boundaryEvent) {
			return boundaryEvent.cancelActivity();
		}
		if (element instanceof StartEvent startEvent) {
			return startEvent.isInterrupting();
		}
		return true;
	}

	private static String loop(BaseElement element) {
		if (element instanceof Activity activity
				&& activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics multiInstance) {
			return multiInstance.isSequential() ? "sequential" : "parallel";
		}
		return null;
	}

	private static Diagram.Box label(BpmnLabel label) {
		return label == null || label.getBounds() == null ? null : box(label.getBounds());
	}

	private static Diagram.Box box(Bounds bounds) {
		return new Diagram.Box(value(bounds.getX()), value(bounds.getY()), value(bounds.getWidth()),
				value(bounds.getHeight()));
	}

	private static double value(Double coordinate) {
		return coordinate == null ? 0 : coordinate;
	}

	/**
	 * What the instance did, by diagram element: its activity instances (a multi-instance activity's body and inner
	 * instances under the activity's own id) and its incidents.
	 */
	private static final class Path {

		private final Map<String, List<HistoricActivityInstance>> byElement = new HashMap<>();

		private final Set<String> incidentSteps = new HashSet<>();

		private final Set<String> openIncidents = new HashSet<>();

		Path(List<HistoricActivityInstance> steps, List<HistoricIncident> incidents) {
			for (HistoricActivityInstance step : steps) {
				byElement.computeIfAbsent(StepNames.elementId(step.getActivityId()), id -> new ArrayList<>()).add(step);
			}
			for (HistoricIncident incident : incidents) {
				for (String activityId : new String[] { incident.getActivityId(), incident.getFailedActivityId() }) {
					if (activityId != null) {
						incidentSteps.add(StepNames.elementId(activityId));
						if (incident.isOpen()) {
							openIncidents.add(StepNames.elementId(activityId));
						}
					}
				}
			}
		}

		Diagram.Reached reached(String elementId) {
			if (openIncidents.contains(elementId)) {
				return Diagram.Reached.INCIDENT;
			}
			List<HistoricActivityInstance> visits = byElement.get(elementId);
			if (visits == null) {
				return Diagram.Reached.NOT_REACHED;
			}
			return visits.stream().anyMatch(visit -> visit.getEndTime() == null) ? Diagram.Reached.RUNNING
					: Diagram.Reached.VISITED;
		}

		int visits(String elementId) {
			List<HistoricActivityInstance> visits = byElement.getOrDefault(elementId, List.of());
			long inner = visits.stream()
				.filter(visit -> !visit.getActivityId().endsWith(StepNames.MULTI_INSTANCE_BODY))
				.count();
			return (int) (inner > 0 ? inner : visits.size());
		}

		boolean hadIncident(String elementId) {
			return incidentSteps.contains(elementId);
		}

		boolean took(SequenceFlow flow) {
			if (flow.getSource() == null || flow.getTarget() == null) {
				return false;
			}
			List<HistoricActivityInstance> sources = byElement.getOrDefault(flow.getSource().getId(), List.of());
			List<HistoricActivityInstance> targets = byElement.getOrDefault(flow.getTarget().getId(), List.of());
			for (HistoricActivityInstance source : sources) {
				if (source.getEndTime() == null || source.isCanceled()) {
					continue;
				}
				long left = source.getEndTime().getTime();
				for (HistoricActivityInstance target : targets) {
					if (target.getStartTime() != null && target.getStartTime().getTime() >= left) {
						return true;
					}
				}
			}
			return false;
		}
	}

	/** The smallest rectangle around everything drawn. */
	private static final class Extent {

		private double minX = Double.POSITIVE_INFINITY;

		private double minY = Double.POSITIVE_INFINITY;

		private double maxX = Double.NEGATIVE_INFINITY;

		private double maxY = Double.NEGATIVE_INFINITY;

		void add(Diagram.Box box) {
			if (box != null) {
				add(new Diagram.Point(box.x(), box.y()));
				add(new Diagram.Point(box.x() + box.width(), box.y() + box.height()));
			}
		}

		void add(Diagram.Point point) {
			minX = Math.min(minX, point.x());
			minY = Math.min(minY, point.y());
			maxX = Math.max(maxX, point.x());
			maxY = Math.max(maxY, point.y());
		}

		Diagram.Box box() {
			return minX > maxX ? new Diagram.Box(0, 0, 0, 0) : new Diagram.Box(minX, minY, maxX - minX, maxY - minY);
		}
	}
}
