package uk.schooldata.approvals.accessrequest.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.accessrequest.DataFlow;
import uk.schooldata.approvals.accessrequest.DataFlowCheck;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * The two-taps check, which an app makes before every data pull: may this scope of this school flow to this app now?
 */
@RestController
class DataFlowController {

	private final DataFlowCheck dataFlowCheck;

	DataFlowController(DataFlowCheck dataFlowCheck) {
		this.dataFlowCheck = dataFlowCheck;
	}

	/**
	 * Asked by the app itself, platform operators, auditors and the school's own administrators; never by another
	 * app or another school.
	 */
	@GetMapping("/api/schools/{urn}/apps/{appId}/data-flow")
	DataFlow check(@PathVariable String urn, @PathVariable String appId, @RequestParam String scope,
			@AuthenticationPrincipal Caller caller) {
		if (!mayAsk(caller, urn, appId)) {
			throw Problems.forbidden("Only the app itself, platform operators, auditors and the school's own "
					+ "administrators may check this data flow.");
		}
		return dataFlowCheck.check(urn, appId, scope);
	}

	private static boolean mayAsk(Caller caller, String urn, String appId) {
		return (caller.isApp() && caller.id().equals(appId)) || caller.canRead(urn);
	}
}
