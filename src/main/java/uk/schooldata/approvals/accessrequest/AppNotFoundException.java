package uk.schooldata.approvals.accessrequest;

import uk.schooldata.approvals.web.Refusal;

/**
 * No app has this id.
 */
public class AppNotFoundException extends Refusal {

	public AppNotFoundException(String appId) {
		super(Kind.NOT_FOUND, "app-not-found", "App not found", "No app with id '" + appId + "' is registered.");
	}
}
