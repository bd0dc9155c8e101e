package uk.schooldata.approvals.accessrequest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.notification.Mailer;
import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.workflow.DeliveryKeys;

/**
 * Emails every administrator of the request's school, from the template the BPMN names in the task's input
 * parameter {@value #TEMPLATE}: the approval receipt (who approved which scopes, when) or a reminder of an undecided
 * request.
 */
@Component
class EmailAdministratorsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(EmailAdministratorsDelegate.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm z")
		.withZone(ZoneId.of("Europe/London"));

	private final AccessRequests requests;

	private final Apps apps;

	private final SchoolIdentities schoolIdentities;

	private final Mailer mailer;

	static final String TEMPLATE = "mailTemplate";

	static final String REMINDER = "access-request-reminder";

	static final String RECEIPT = "access-request-approved";

	EmailAdministratorsDelegate(AccessRequests requests, Apps apps, SchoolIdentities schoolIdentities, Mailer mailer) {
		this.requests = requests;
		this.apps = apps;
		this.schoolIdentities = schoolIdentities;
		this.mailer = mailer;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		String templateName = (String) execution.getVariableLocal(TEMPLATE);
		if (REMINDER.equals(templateName) && !request.status().isOpen()) {
			LOG.info("Request {}: decided before its reminder went out; no reminder sent", request.id());
			return;
		}
		if (RECEIPT.equals(templateName) && request.grantsRecordedAt() == null) {
			throw new DecisionNotOnRecordException(request, "nothing was granted, so there is no receipt to send");
		}
		Map<String, String> values = Map.of("appName",
				apps.findById(request.appId()).map(app -> app.name()).orElse(request.appId()), "requestId", request.id(),
				"schoolUrn", request.schoolUrn(), "purpose", request.purpose(), "approvedScopes",
				"  - " + String.join("\n  - ", request.approvedScopes()), "scopes",
				"  - " + String.join("\n  - ", request.scopeNames()), "decidedBy", String.valueOf(request.decidedBy()),
				"confirmedBy", request.confirmedBy() == null ? "not needed" : request.confirmedBy(), "decidedAt",
				request.decidedAt() == null ? "" : WHEN.format(request.decidedAt()), "deadline",
				WHEN.format(request.deadline()));
		for (String administrator : schoolIdentities.administratorEmails(request.schoolUrn())) {
			mailer.sendOnce(DeliveryKeys.of(execution, templateName), administrator, templateName, values);
		}
		LOG.info("Request {}: '{}' email sent to the administrators of school {}", request.id(), templateName,
				request.schoolUrn());
	}
}
