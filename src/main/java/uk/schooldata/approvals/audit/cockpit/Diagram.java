package uk.schooldata.approvals.audit.cockpit;

import java.util.List;

/**
 * A process diagram as shapes and flows with their positions from the BPMN file's diagram interchange (DI), each
 * marked with whether the instance reached it. The page draws it as SVG.
 *
 * @param processDefinitionId the diagram version
 * @param extent the rectangle every shape, flow and label lies in
 * @param shapes tasks, events, gateways, sub-processes, annotations, in the file's order (containers first)
 * @param edges sequence flows and associations
 */
record Diagram(String processDefinitionId, Box extent, List<Shape> shapes, List<Edge> edges) {

	static Diagram empty(String processDefinitionId) {
		return new Diagram(processDefinitionId, new Box(0, 0, 0, 0), List.of(), List.of());
	}

	/** How far the instance got with a shape. */
	enum Reached {
		NOT_REACHED, VISITED, RUNNING, INCIDENT
	}

	record Box(double x, double y, double width, double height) {
	}

	record Point(double x, double y) {
	}

	/**
	 * @param elementId the BPMN element
	 * @param type its BPMN type, e.g. {@code userTask}, {@code boundaryEvent}, {@code exclusiveGateway}
	 * @param name its name, or an annotation's text
	 * @param bounds where it is
	 * @param label where its name is, for events and gateways; {@code null} to put it under the shape
	 * @param expanded a sub-process drawn open
	 * @param eventKind for events: {@code timer}, {@code message}, {@code error}, {@code terminate}, ...
	 * @param interrupting for events: whether it interrupts what it is attached to
	 * @param loop {@code parallel} or {@code sequential} for multi-instance activities
	 * @param reached how far the instance got with it
	 * @param visits how many times the instance went through it
	 * @param hadIncident whether an incident happened there, open or not
	 */
	record Shape(String elementId, String type, String name, Box bounds, Box label, boolean expanded,
			String eventKind, boolean interrupting, String loop, Reached reached, int visits, boolean hadIncident) {
	}

	/**
	 * @param elementId the BPMN element
	 * @param type {@code sequenceFlow}, {@code association}, {@code messageFlow}, ...
	 * @param name its name, e.g. "Approved"
	 * @param waypoints its line
	 * @param label where its name is
	 * @param taken whether the instance took it: its source ended before its target started
	 */
	record Edge(String elementId, String type, String name, List<Point> waypoints, Box label, boolean taken) {
	}
}
