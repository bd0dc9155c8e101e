package uk.schooldata.approvals.accessrequest;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the approved scopes in force, once, as the request's row records the school's decision (never as variables
 * say). Scopes the app held before stay as they are.
 */
@Component
class RecordGrantsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RecordGrantsDelegate.class);

	private final AccessRequests requests;

	private final Grants grants;

	private final ScopeCatalogue catalogue;

	private final DecisionRecords records;

	RecordGrantsDelegate(AccessRequests requests, Grants grants, ScopeCatalogue catalogue,
			DecisionRecords records) {
		this.requests = requests;
		this.grants = grants;
		this.catalogue = catalogue;
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AccessRequest request = requests.boundTo(execution.getProcessInstanceId());
		List<String> scopes = request.scopesToGrant(catalogue);
		if (!requests.markGrantsRecorded(request.id(), ClockUtil.getCurrentTime().toInstant())) {
			throw new DecisionNotOnRecordException(request, "its grants were recorded already");
		}
		List<String> granted = new ArrayList<>();
		for (String scope : scopes) {
			if (grants.grant(request.schoolUrn(), request.appId(), scope, request.id(), request.grantedBy(),
					request.grantedAt())) {
				granted.add(scope);
			}
		}
		if (!granted.isEmpty()) {
			records.granted(request, granted);
		}
		LOG.info("Request {}: {} scopes granted to app {} by school {}", request.id(), granted.size(), request.appId(),
				request.schoolUrn());
	}
}
