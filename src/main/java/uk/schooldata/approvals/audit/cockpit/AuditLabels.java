package uk.schooldata.approvals.audit.cockpit;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each process instance is about, read from the rows this application binds to its instances
 * ({@code process_instance_id} of a request, invite, batch or revocation; {@code onboarding_instance_id} of a school):
 * the school, the app, and one line a person recognises instead of a UUID.
 * <p>
 * A Spring bean because it reads this application's tables; the plugin's JAX-RS resources, which Cockpit creates,
 * fetch it from the application context ({@link AuditHistoryRootResource}). The feature modules' own repositories
 * are not used: each of those modules already depends on {@code audit} for the decision record, so this reads their
 * tables directly, and spells their source groups here, rather than import them and close a cycle.
 */
@Repository
class AuditLabels {

	/** How much of a request's purpose the one line keeps. */
	private static final int PURPOSE_LENGTH = 120;

	private final JdbcClient jdbc;

	AuditLabels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The labels of the instances bound to a row. Instances bound to none are missing from the map: the daily digest
	 * of expired invitations, and onboarding attempts of a school that was later onboarded again.
	 */
	Map<String, AuditLabel> forInstances(Collection<String> processInstanceIds) {
		if (processInstanceIds.isEmpty()) {
			return Map.of();
		}
		List<String> ids = List.copyOf(processInstanceIds);
		Map<String, AuditLabel> labels = new HashMap<>();
		collect("""
				select r.process_instance_id as instance_id, r.school_urn, s.name as school_name, r.app_id,
				  a.name as app_name, r.purpose
				from access_request r
				  left join school s on s.urn = r.school_urn
				  left join app a on a.app_id = r.app_id
				where r.process_instance_id in (:ids)
				""", ids, labels, (row, number) -> {
			String school = orElse(row.getString("school_name"), row.getString("school_urn"));
			String app = orElse(row.getString("app_name"), row.getString("app_id"));
			return new AuditLabel(row.getString("school_urn"), row.getString("school_name"), row.getString("app_id"),
					row.getString("app_name"), app + " asks " + school + ": " + oneLine(row.getString("purpose")));
		});
		collect("""
				select s.onboarding_instance_id as instance_id, s.urn, s.name
				from school s
				where s.onboarding_instance_id in (:ids)
				""", ids, labels, (row, number) -> onboarding(row.getString("urn"), row.getString("name")));
		collect("""
				select i.process_instance_id as instance_id, i.school_urn, s.name as school_name, i.display_name,
				  i.source_group
				from invite i
				  left join school s on s.urn = i.school_urn
				where i.process_instance_id in (:ids)
				""", ids, labels, (row, number) -> new AuditLabel(row.getString("school_urn"),
				row.getString("school_name"), null, null, "Invitation: " + row.getString("display_name") + " ("
						+ person(row.getString("source_group")) + ")"));
		collect("""
				select b.process_instance_id as instance_id, b.school_urn, s.name as school_name, b.source_group,
				  b.invited
				from invite_batch b
				  left join school s on s.urn = b.school_urn
				where b.process_instance_id in (:ids)
				""", ids, labels, (row, number) -> new AuditLabel(row.getString("school_urn"),
				row.getString("school_name"), null, null,
				"Bulk invitation: " + row.getInt("invited") + " " + people(row.getString("source_group")) + " at "
						+ orElse(row.getString("school_name"), row.getString("school_urn"))));
		collect("""
				select g.process_instance_id as instance_id, g.school_urn, s.name as school_name, g.app_id,
				  a.name as app_name, g.scope
				from grant_revocation g
				  left join school s on s.urn = g.school_urn
				  left join app a on a.app_id = g.app_id
				where g.process_instance_id in (:ids)
				""", ids, labels, (row, number) -> new AuditLabel(row.getString("school_urn"),
				row.getString("school_name"), row.getString("app_id"), row.getString("app_name"),
				"Revocation: " + orElse(row.getString("app_name"), row.getString("app_id")) + " at "
						+ orElse(row.getString("school_name"), row.getString("school_urn")) + " ("
						+ orElse(row.getString("scope"), "every scope") + ")"));
		return labels;
	}

	/**
	 * The label of an onboarding instance that no school row points to any more (the school was onboarded again
	 * after this attempt): its business key is the URN.
	 */
	static AuditLabel onboarding(String urn, String schoolName) {
		return new AuditLabel(urn, schoolName, null, null,
				"Onboarding: " + orElse(schoolName, "school") + " (" + urn + ")");
	}

	/**
	 * The names of these schools, by URN; schools not on the platform are missing.
	 */
	Map<String, String> schoolNames(Collection<String> urns) {
		if (urns.isEmpty()) {
			return Map.of();
		}
		Map<String, String> names = new HashMap<>();
		jdbc.sql("select urn, name from school where urn in (:urns)")
			.param("urns", List.copyOf(urns))
			.query((RowCallbackHandler) row -> names.put(row.getString("urn"), row.getString("name")));
		return names;
	}

	/**
	 * The instances of the app's access requests and of revocations of its grants.
	 */
	Set<String> instancesConcerningApp(String appId) {
		return jdbc.sql("""
				select process_instance_id from access_request
				where app_id = :appId and process_instance_id is not null
				union
				select process_instance_id from grant_revocation
				where app_id = :appId and process_instance_id is not null
				""").param("appId", appId).query(String.class).set();
	}

	List<FilterOptions.Choice> schools() {
		return jdbc.sql("select urn, name from school order by name, urn")
			.query((row, number) -> new FilterOptions.Choice(row.getString("urn"),
					row.getString("name") + " (" + row.getString("urn") + ")"))
			.list();
	}

	List<FilterOptions.Choice> apps() {
		return jdbc.sql("select app_id, name from app order by name, app_id")
			.query((row, number) -> new FilterOptions.Choice(row.getString("app_id"), row.getString("name")))
			.list();
	}

	private void collect(String sql, List<String> ids, Map<String, AuditLabel> into, RowMapper<AuditLabel> label) {
		jdbc.sql(sql)
			.param("ids", ids)
			.query((RowCallbackHandler) row -> into.put(row.getString("instance_id"), label.mapRow(row, row.getRow())));
	}

	/** One invitee of a source group (the invite table's {@code STAFF}, {@code STUDENTS}, {@code PARENTS}). */
	private static String person(String sourceGroup) {
		return switch (orElse(sourceGroup, "")) {
			case "STAFF" -> "staff";
			case "STUDENTS" -> "student";
			case "PARENTS" -> "parent";
			default -> orElse(sourceGroup, "unknown group").toLowerCase(Locale.ROOT);
		};
	}

	private static String people(String sourceGroup) {
		return switch (orElse(sourceGroup, "")) {
			case "STAFF" -> "staff";
			case "STUDENTS" -> "students";
			case "PARENTS" -> "parents";
			default -> orElse(sourceGroup, "people").toLowerCase(Locale.ROOT);
		};
	}

	/** The purpose on one line, shortened: the whole text is the request's, not the list's. */
	private static String oneLine(String text) {
		String line = orElse(text, "").replaceAll("\\s+", " ").strip();
		return line.length() <= PURPOSE_LENGTH ? line : line.substring(0, PURPOSE_LENGTH - 1).stripTrailing() + "…";
	}

	private static String orElse(String value, String otherwise) {
		return value == null || value.isBlank() ? otherwise : value;
	}
}
