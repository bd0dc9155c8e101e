package uk.schooldata.approvals.accessrequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.schooldata.approvals.mis.MisPermissionGroup;

/**
 * The scopes apps may ask for, from the data file {@code scopes.json}. Checked when loaded: every dependency and
 * every MIS group must exist, so a typo in the file stops start-up instead of a request.
 */
@Component
public class ScopeCatalogue {

	static final String RESOURCE = "scopes.json";

	private final Map<String, Scope> scopes;

	private final List<Scope> ordered;

	ScopeCatalogue(ObjectMapper objectMapper) {
		List<Scope> scopes = load(objectMapper);
		Map<String, Scope> byName = new LinkedHashMap<>();
		scopes.forEach(scope -> byName.put(scope.name(), scope));
		this.scopes = Map.copyOf(byName);
		this.ordered = List.copyOf(scopes);
		for (Scope scope : scopes) {
			for (String dependency : scope.dependsOn()) {
				if (!byName.containsKey(dependency)) {
					throw new IllegalStateException(
							"Scope " + scope.name() + " depends on " + dependency + ", which is not in the catalogue");
				}
			}
			for (String group : scope.misGroups()) {
				if (MisPermissionGroup.fromMisName(group).isEmpty()) {
					throw new IllegalStateException("Scope " + scope.name() + " needs MIS group '" + group
							+ "', which is not a known MIS permission group");
				}
			}
		}
	}

	public List<Scope> all() {
		return ordered;
	}

	public Optional<Scope> find(String name) {
		return Optional.ofNullable(scopes.get(name));
	}

	public Scope get(String name) {
		return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown scope " + name));
	}

	public boolean contains(String name) {
		return scopes.containsKey(name);
	}

	/**
	 * The dependencies among the given scopes that are neither in them nor in {@code alreadyGranted}.
	 */
	public Map<String, List<String>> missingDependencies(Collection<String> requested, Collection<String> alreadyGranted) {
		Map<String, List<String>> missing = new LinkedHashMap<>();
		for (String name : requested) {
			List<String> lacking = find(name).map(Scope::dependsOn)
				.orElse(List.of())
				.stream()
				.filter(dependency -> !requested.contains(dependency) && !alreadyGranted.contains(dependency))
				.toList();
			if (!lacking.isEmpty()) {
				missing.put(name, lacking);
			}
		}
		return missing;
	}

	/**
	 * The scopes among {@code held} that depend on any of {@code parents}, directly or through another such scope,
	 * each with the scope it depends on: revoking a parent revokes them too.
	 */
	public Map<String, String> dependantsOf(Collection<String> parents, Collection<String> held) {
		Map<String, String> dependants = new LinkedHashMap<>();
		boolean found = true;
		while (found) {
			found = false;
			for (String candidate : held) {
				if (parents.contains(candidate) || dependants.containsKey(candidate)) {
					continue;
				}
				Optional<String> parent = find(candidate).map(Scope::dependsOn)
					.orElse(List.of())
					.stream()
					.filter(dependency -> parents.contains(dependency) || dependants.containsKey(dependency))
					.findFirst();
				if (parent.isPresent()) {
					dependants.put(candidate, parent.get());
					found = true;
				}
			}
		}
		return dependants;
	}

	private static List<Scope> load(ObjectMapper objectMapper) {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return List.of(objectMapper.readValue(in, Catalogue.class).scopes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the scope catalogue " + RESOURCE, ex);
		}
	}

	record Catalogue(Scope[] scopes) {
	}
}
