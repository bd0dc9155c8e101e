package uk.schooldata.approvals.invite;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The {@code expired-invites-digest} process ({@code processes/expired-invites-digest.bpmn}): every morning, each
 * school whose invitations expired since the last digest has its administrators told which, so that no expired
 * invitation goes unnoticed. One job per school, retried on its own.
 */
@Component("expiredInvitesDigestProcess")
public class ExpiredInvitesDigestProcess {

	public static final String KEY = "expired-invites-digest";

	public static final String EMAIL_ADMINISTRATORS = "Task_EmailExpiredInvites";

	public static final String SCHOOL_URN = "schoolUrn";

	private final Invites invites;

	ExpiredInvitesDigestProcess(Invites invites) {
		this.invites = invites;
	}

	/**
	 * The schools to tell, read by the multi-instance task as
	 * {@code ${expiredInvitesDigestProcess.schoolsToTell()}}.
	 */
	public List<String> schoolsToTell() {
		return invites.schoolsWithUnnoticedExpiries();
	}
}
