package uk.schooldata.approvals.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reading process variables that forms and API callers write in more than one shape.
 */
public final class ProcessVariables {

	private ProcessVariables() {
	}

	/**
	 * A list of strings held in a variable, however it was written: a JSON variable (a Camunda Forms checklist), a
	 * Java list, or a JSON or comma-separated string. {@code null} is the empty list.
	 */
	public static List<String> strings(Object value) {
		List<String> strings = new ArrayList<>();
		if (value instanceof SpinJsonNode json && json.isArray()) {
			json.elements().forEach(element -> strings.add(element.stringValue()));
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach(element -> strings.add(String.valueOf(element)));
		}
		else if (value instanceof String text && text.strip().startsWith("[")) {
			return strings(Spin.JSON(text));
		}
		else if (value instanceof String text && !text.isBlank()) {
			for (String part : text.split(",")) {
				strings.add(part.strip());
			}
		}
		return strings;
	}
}
