package uk.schooldata.approvals.apps;

import uk.schooldata.approvals.web.Refusal;

/**
 * An app (or a user) with this id exists already.
 */
class AppIdTakenException extends Refusal {

	AppIdTakenException(String appId) {
		super(Kind.CONFLICT, "app-id-taken", "App id taken",
				"The id '" + appId + "' is already in use; choose another.");
	}
}
