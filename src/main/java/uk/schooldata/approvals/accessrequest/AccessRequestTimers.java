package uk.schooldata.approvals.accessrequest;

import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The timers of {@code data-access-request} as its BPMN reads them ({@code ${accessRequestTimers.expiry()}}), and the
 * deadline shown to people, from the same {@link AccessRequestProperties}: the two always agree.
 */
@Component("accessRequestTimers")
@EnableConfigurationProperties(AccessRequestProperties.class)
public class AccessRequestTimers {

	private final AccessRequestProperties properties;

	AccessRequestTimers(AccessRequestProperties properties) {
		this.properties = properties;
	}

	public String firstReminder() {
		return properties.firstReminder().toString();
	}

	public String secondReminder() {
		return properties.secondReminder().toString();
	}

	public String expiry() {
		return properties.expiry().toString();
	}

	/**
	 * When a request submitted at {@code submittedAt} expires: where the expiry timer fires.
	 */
	Instant deadlineFor(Instant submittedAt) {
		return properties.expiry().after(submittedAt);
	}
}
