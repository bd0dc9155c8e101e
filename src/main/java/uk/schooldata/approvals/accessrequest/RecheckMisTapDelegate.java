package uk.schooldata.approvals.accessrequest;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.SchoolMisGroups;

/**
 * The school says it has fixed its MIS permissions: reads the platform's MIS user's groups again, records what the
 * MIS confirms for the school, and shows the request's MIS tap as it is now. An MIS outage is retried, then an
 * incident.
 */
@Component
class RecheckMisTapDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RecheckMisTapDelegate.class);

	private final AccessRequests requests;

	private final SchoolMisGroups misGroups;

	private final MisTaps misTaps;

	RecheckMisTapDelegate(AccessRequests requests, SchoolMisGroups misGroups, MisTaps misTaps) {
		this.requests = requests;
		this.misGroups = misGroups;
		this.misTaps = misTaps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		School school = misGroups.reconfirm(request.schoolUrn());
		Set<String> missing = misTaps.missingGroups(request, school);
		misTaps.show(execution, missing);
		LOG.info("Request {}: school {}'s MIS read again; {}", request.id(), request.schoolUrn(),
				missing.isEmpty() ? "the MIS tap is open" : "still missing " + missing);
	}
}
