package uk.schooldata.approvals.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a person may submit with each Camunda Form under {@code forms/}: every component with a key that is not
 * disabled. Disabled fields only show text (the app's purpose, the reviewer's name); Tasklist does not submit them,
 * and nobody else may either.
 */
@Component
class FormFields {

	private final Map<String, Set<String>> inputsByForm = new HashMap<>();

	FormFields(ObjectMapper objectMapper) throws IOException {
		for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
			try (InputStream in = form.getInputStream()) {
				JsonNode json = objectMapper.readTree(in);
				Set<String> inputs = new LinkedHashSet<>();
				collect(json.path("components"), inputs);
				inputsByForm.put(json.path("id").asText(), Set.copyOf(inputs));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the form " + form.getDescription(), ex);
			}
		}
	}

	/**
	 * @return the input fields of the form with this id; empty when there is no such form
	 */
	Optional<Set<String>> inputs(String formId) {
		return Optional.ofNullable(inputsByForm.get(formId));
	}

	private static void collect(JsonNode components, Set<String> inputs) {
		for (JsonNode component : components) {
			if (component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
				inputs.add(component.get("key").asText());
			}
			collect(component.path("components"), inputs);
		}
	}
}
