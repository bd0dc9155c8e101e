package uk.schooldata.approvals.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit timeline, read where the facts are kept: this system's tables (requests, the decision record, grant
 * revocations, invites and the emails sent for them) and the engine's history (onboarding instances and how they
 * ended, incidents, and the user operation log for who completed or retried what). Nothing is copied into a log of
 * its own, so the timeline cannot disagree with the records it is read from.
 * <p>
 * One SQL query unites the sources and the database sorts and pages them, so a page costs the same in the first year
 * as in the seventh, and the CSV export streams rows as the database hands them over.
 */
@Repository
public class AuditEvents {

	/** Rows fetched at a time while streaming. */
	private static final int FETCH_SIZE = 500;

	private static final String EVENTS = """
			select cast(p.END_TIME_ as timestamp with time zone) as event_time, 1 as seq,
			  case when p.END_ACT_ID_ = 'EndEvent_SchoolOnboarded' then 'SCHOOL_ONBOARDED'
			    else 'ONBOARDING_CANCELLED' end as event_type,
			  coalesce(case when p.END_ACT_ID_ = 'EndEvent_OnboardingCancelled' then
			    (select o.USER_ID_ from ACT_HI_OP_LOG o where o.PROC_INST_ID_ = p.PROC_INST_ID_
			       and o.OPERATION_TYPE_ = 'Complete' and o.USER_ID_ is not null
			     order by o.TIMESTAMP_ desc fetch first 1 rows only) end, 'system') as actor,
			  cast(p.BUSINESS_KEY_ as varchar(6)) as school_urn, cast(null as varchar(63)) as app_id,
			  cast(coalesce(s.name, p.BUSINESS_KEY_) as varchar(2000)) as subject,
			  cast(p.BUSINESS_KEY_ as varchar(64)) as subject_id, cast(null as varchar(8000)) as decision,
			  cast(null as varchar(2000)) as reason, cast(p.PROC_INST_ID_ as varchar(64)) as process_instance_id,
			  cast(null as varchar(64)) as process_definition_id
			from ACT_HI_PROCINST p left join school s on s.urn = p.BUSINESS_KEY_
			where p.PROC_DEF_KEY_ = 'school-onboarding'
			  and p.END_ACT_ID_ in ('EndEvent_SchoolOnboarded', 'EndEvent_OnboardingCancelled')

			union all
			select r.submitted_at, 2, 'REQUEST_SUBMITTED', r.app_id, r.school_urn, r.app_id, r.purpose, r.id,
			  'requested: ' || (select string_agg(case when q.required then q.scope || ' (required)' else q.scope end,
			    ', ' order by q.position) from access_request_scope q where q.request_id = r.id),
			  null, r.process_instance_id, null
			from access_request r

			union all
			select d.recorded_at,
			  case d.kind when 'REVIEWED' then 3 when 'GRANTED' then 5 else 4 end,
			  case d.kind
			    when 'REVIEWED' then case when d.detail like 'approved:%' then 'REQUEST_REVIEWED'
			      else 'REQUEST_DECLINED' end
			    when 'CONFIRMED' then 'SPECIAL_CATEGORY_CONFIRMED'
			    when 'REFUSED' then 'SPECIAL_CATEGORY_REFUSED'
			    when 'GRANTED' then 'SCOPES_GRANTED'
			    when 'REVOKED' then 'GRANT_REVOKED'
			    else 'PERMISSIONS_ASSIGNED' end,
			  d.actor, d.school_urn, d.app_id,
			  coalesce(r.purpose, i.display_name,
			    case when g.id is not null then 'grant of ' || coalesce(g.scope, 'every scope') end),
			  d.subject,
			  case
			    when d.kind = 'GRANTED' then 'granted: ' || d.detail
			    when d.kind = 'REVOKED' then 'revoked: ' || d.detail || coalesce(
			      '; with it, because they need a revoked scope: ' || replace(g.dependants_revoked, ',', ', '), '')
			    when d.kind = 'PERMISSIONS_ASSIGNED' then 'permissions: ' || d.detail
			    else d.detail end,
			  d.reason, coalesce(r.process_instance_id, g.process_instance_id, i.process_instance_id), null
			from decision_record d
			  left join access_request r on r.id = d.subject
			  left join grant_revocation g on g.id = d.subject
			  left join invite i on i.id = d.subject

			union all
			select r.closed_at, 6,
			  case r.status when 'EXPIRED' then 'REQUEST_EXPIRED' when 'WITHDRAWN' then 'REQUEST_WITHDRAWN'
			    else 'REQUEST_SUPERSEDED' end,
			  case when r.status = 'EXPIRED' then 'system' else r.app_id end,
			  r.school_urn, r.app_id, r.purpose, r.id, null,
			  case r.status when 'EXPIRED' then 'nobody decided before the deadline'
			    when 'SUPERSEDED' then 'a newer request from the app replaced it' end,
			  r.process_instance_id, null
			from access_request r
			where r.closed_at is not null and r.status in ('EXPIRED', 'WITHDRAWN', 'SUPERSEDED')

			union all
			select t.issued_at, 7,
			  case when t.reminder then 'INVITE_REMINDER_SENT'
			    when exists (select 1 from invite_token e where e.invite_id = t.invite_id and e.reminder = false
			      and e.issued_at < t.issued_at) then 'INVITE_RESENT'
			    else 'INVITE_SENT' end,
			  coalesce(t.issued_by, 'system'), i.school_urn, null, i.display_name, i.id, null,
			  case when t.reminder then 'no answer yet; the link was renewed' end, i.process_instance_id, null
			from invite_token t join invite i on i.id = t.invite_id

			union all
			select i.accepted_at, 8, 'INVITE_ACCEPTED', i.display_name, i.school_urn, null, i.display_name, i.id,
			  'linked a ' || i.external_provider || ' account', null, i.process_instance_id, null
			from invite i where i.accepted_at is not null

			union all
			select i.ended_at, 9,
			  case i.status when 'EXPIRED' then 'INVITE_EXPIRED' when 'CANCELLED' then 'INVITE_CANCELLED'
			    else 'INVITE_FAILED' end,
			  coalesce(i.ended_by, 'system'), i.school_urn, null, i.display_name, i.id, null,
			  case i.status when 'EXPIRED' then 'not accepted before the link expired'
			    when 'FAILED' then 'the MIS had no email address for the person, or no longer the right to contact them'
			    end,
			  i.process_instance_id, null
			from invite i where i.ended_at is not null and i.status in ('EXPIRED', 'CANCELLED', 'FAILED')

			union all
			select cast(inc.CREATE_TIME_ as timestamp with time zone), 10, 'INCIDENT_OPENED', 'system',
			  coalesce(inc.TENANT_ID_, op.BUSINESS_KEY_), coalesce(ar.app_id, gr.app_id), inc.ACTIVITY_ID_, inc.ID_,
			  null, inc.INCIDENT_TYPE_, inc.PROC_INST_ID_, inc.PROC_DEF_ID_
			from ACT_HI_INCIDENT inc
			  left join ACT_HI_PROCINST op on op.PROC_INST_ID_ = inc.PROC_INST_ID_
			    and op.PROC_DEF_KEY_ = 'school-onboarding'
			  left join access_request ar on ar.process_instance_id = inc.PROC_INST_ID_
			  left join grant_revocation gr on gr.process_instance_id = inc.PROC_INST_ID_

			union all
			select cast(inc.END_TIME_ as timestamp with time zone), 11, 'INCIDENT_RESOLVED',
			  coalesce((select o.USER_ID_ from ACT_HI_OP_LOG o where o.JOB_ID_ = inc.CONFIGURATION_
			      and o.OPERATION_TYPE_ = 'SetJobRetries' and o.USER_ID_ is not null
			    order by o.TIMESTAMP_ desc fetch first 1 rows only), 'system'),
			  coalesce(inc.TENANT_ID_, op.BUSINESS_KEY_), coalesce(ar.app_id, gr.app_id), inc.ACTIVITY_ID_, inc.ID_,
			  null, case when inc.INCIDENT_STATE_ = 1 then 'RETRIED' else 'ENDED' end,
			  inc.PROC_INST_ID_, inc.PROC_DEF_ID_
			from ACT_HI_INCIDENT inc
			  left join ACT_HI_PROCINST op on op.PROC_INST_ID_ = inc.PROC_INST_ID_
			    and op.PROC_DEF_KEY_ = 'school-onboarding'
			  left join access_request ar on ar.process_instance_id = inc.PROC_INST_ID_
			  left join grant_revocation gr on gr.process_instance_id = inc.PROC_INST_ID_
			where inc.END_TIME_ is not null
			""";

	private final NamedParameterJdbcTemplate jdbc;

	private final RepositoryService repositoryService;

	/** Names of the diagrams' elements, by process definition id and element id. */
	private final Map<String, String> stepNames = new ConcurrentHashMap<>();

	AuditEvents(DataSource dataSource, RepositoryService repositoryService) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(template);
		this.repositoryService = repositoryService;
	}

	/**
	 * @param page from 0
	 */
	@Transactional(readOnly = true)
	public AuditEventPage page(AuditQuery query, int page, int size) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(query, params);
		long total = jdbc.queryForObject("select count(*) from (" + EVENTS + ") e" + where, params, Long.class);
		params.addValue("offset", (long) page * size).addValue("size", size);
		List<AuditEvent> events = new ArrayList<>();
		jdbc.query("select * from (" + EVENTS + ") e" + where + ORDER
				+ " offset :offset rows fetch next :size rows only", params, row -> {
					events.add(event(row));
				});
		return new AuditEventPage(events, page, size, total, (total + size - 1) / size);
	}

	/**
	 * Hands every matching event, oldest first, to {@code each} as the database returns it: nothing is held beyond
	 * the fetch size.
	 */
	@Transactional(readOnly = true)
	public void forEach(AuditQuery query, Consumer<AuditEvent> each) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(query, params);
		jdbc.query("select * from (" + EVENTS + ") e" + where + ORDER, params, row -> {
			each.accept(event(row));
		});
	}

	private static final String ORDER = " order by e.event_time, e.seq, e.subject_id";

	private static String where(AuditQuery query, MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		if (!query.schoolUrns().isEmpty()) {
			conditions.add("e.school_urn in (:urns)");
			params.addValue("urns", query.schoolUrns());
		}
		if (query.appId() != null) {
			conditions.add("e.app_id = :appId");
			params.addValue("appId", query.appId());
		}
		if (!query.types().isEmpty()) {
			conditions.add("e.event_type in (:types)");
			params.addValue("types", query.types().stream().map(Enum::name).toList());
		}
		if (query.from() != null) {
			conditions.add("e.event_time >= :from");
			params.addValue("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			conditions.add("e.event_time < :to");
			params.addValue("to", Timestamp.from(query.to()));
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	private AuditEvent event(ResultSet row) throws SQLException {
		AuditEventType type = AuditEventType.valueOf(row.getString("event_type"));
		String subject = row.getString("subject");
		String reason = row.getString("reason");
		if (type == AuditEventType.INCIDENT_OPENED || type == AuditEventType.INCIDENT_RESOLVED) {
			subject = stepName(row.getString("process_definition_id"), subject);
			reason = incidentReason(type, reason);
		}
		return new AuditEvent(row.getTimestamp("event_time").toInstant(), type, row.getString("actor"),
				row.getString("school_urn"), row.getString("app_id"), subject, row.getString("subject_id"),
				row.getString("decision"), reason, row.getString("process_instance_id"));
	}

	/**
	 * The step's name as the diagram shows it, not its id and never the exception: the exception stays in Cockpit
	 * for operators.
	 */
	private String stepName(String processDefinitionId, String activityId) {
		if (processDefinitionId == null || activityId == null) {
			return activityId;
		}
		return stepNames.computeIfAbsent(processDefinitionId + "#" + activityId, key -> {
			FlowElement element = repositoryService.getBpmnModelInstance(processDefinitionId)
				.getModelElementById(activityId);
			return element == null || element.getName() == null ? activityId : element.getName();
		});
	}

	private static String incidentReason(AuditEventType type, String code) {
		if (type == AuditEventType.INCIDENT_RESOLVED) {
			// Camunda keeps 1 for an incident resolved (its job retried), 2 for one deleted with its instance.
			return "RETRIED".equals(code) ? "retried" : "its instance ended";
		}
		return switch (code == null ? "" : code) {
			case "failedJob" -> "the step failed on every retry";
			case "failedExternalTask" -> "the external worker failed on every retry";
			default -> "the engine reported a problem (" + code + ")";
		};
	}
}
