package uk.schooldata.approvals.audit.cockpit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A submitted variable's value as text an auditor reads: a list of scopes as "students.basic, students.dob", a
 * checkbox as yes or no. The page shows it as text, never as markup. A value the engine cannot read is reported
 * as such, never with the engine's error message.
 */
final class ValueText {

	/** Enough for a decline reason; the rest is in the engine's history for whoever needs all of it. */
	private static final int MAX_LENGTH = 1000;

	private static final String UNREADABLE = "(cannot be shown)";

	private static final ObjectMapper JSON = new ObjectMapper();

	private ValueText() {
	}

	static String of(HistoricVariableUpdate update) {
		if (update.getErrorMessage() != null) {
			return UNREADABLE;
		}
		try {
			return shortened(text(update.getTypedValue()));
		}
		catch (RuntimeException unreadable) {
			return UNREADABLE;
		}
	}

	private static String text(TypedValue typed) {
		if (typed == null) {
			return "(none)";
		}
		if (typed instanceof FileValue file) {
			return "(file " + file.getFilename() + ")";
		}
		if (typed instanceof SerializableValue serializable) {
			// Read without deserializing (the query disables it): JSON as it was stored.
			return json(serializable.getValueSerialized());
		}
		Object value = typed.getValue();
		if (value == null) {
			return "(none)";
		}
		if (value instanceof Boolean bool) {
			return bool ? "yes" : "no";
		}
		if (value instanceof Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof byte[]) {
			return "(binary data)";
		}
		return value.toString();
	}

	/** A JSON array of texts as a comma-separated list; any other JSON as stored. */
	private static String json(String serialized) {
		if (serialized == null) {
			return "(none)";
		}
		try {
			JsonNode node = JSON.readTree(serialized);
			if (node != null && node.isArray()) {
				List<String> items = new ArrayList<>();
				for (JsonNode item : node) {
					if (!item.isValueNode()) {
						return serialized;
					}
					items.add(item.asText());
				}
				return items.isEmpty() ? "(none)" : String.join(", ", items);
			}
			return serialized;
		}
		catch (JsonProcessingException notJson) {
			return serialized;
		}
	}

	private static String shortened(String text) {
		return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
	}
}
