package uk.schooldata.approvals.invite;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.notification.Mailer;
import uk.schooldata.approvals.security.SchoolIdentities;
import uk.schooldata.approvals.workflow.DeliveryKeys;

/**
 * Tells one school's administrators which invitations expired since the last digest and how to send them again,
 * then marks them told. Sending and marking share the job's transaction: a failed send is retried, never lost, and
 * nobody is told twice.
 */
@Component
class EmailExpiredInvitesDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(EmailExpiredInvitesDelegate.class);

	static final String TEMPLATE = "invites-expired";

	private final Invites invites;

	private final SchoolIdentities schoolIdentities;

	private final Mailer mailer;

	EmailExpiredInvitesDelegate(Invites invites, SchoolIdentities schoolIdentities, Mailer mailer) {
		this.invites = invites;
		this.schoolIdentities = schoolIdentities;
		this.mailer = mailer;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String urn = (String) execution.getVariable(ExpiredInvitesDigestProcess.SCHOOL_URN);
		List<Invite> expired = invites.unnoticedExpiries(urn);
		if (expired.isEmpty()) {
			return;
		}
		Map<String, String> values = Map.of("schoolUrn", urn, "count", String.valueOf(expired.size()), "invites",
				expired.stream()
					.map(invite -> "  - " + invite.displayName() + " (" + invite.sourceGroup().name().toLowerCase()
							+ ")")
					.collect(Collectors.joining("\n")));
		for (String administrator : schoolIdentities.administratorEmails(urn)) {
			mailer.sendOnce(DeliveryKeys.of(execution, TEMPLATE), administrator, TEMPLATE, values);
		}
		invites.markExpiryNoticed(expired.stream().map(Invite::id).toList(), ClockUtil.getCurrentTime().toInstant());
		LOG.info("School {}: administrators told of {} expired invitations", urn, expired.size());
	}
}
