package uk.schooldata.approvals.accessrequest;

import java.time.Instant;
import java.util.List;

import uk.schooldata.approvals.onboarding.OnboardingStatus;

/**
 * Whether one scope of one school may flow to one app now: only when both taps are open.
 *
 * @param allowed both taps are open
 */
public record DataFlow(boolean allowed, MisTap misTap, PlatformTap platformTap) {

	static DataFlow of(MisTap misTap, PlatformTap platformTap) {
		return new DataFlow(misTap.open() && platformTap.open(), misTap, platformTap);
	}

	/**
	 * The MIS tap: the school is active and the platform's MIS user is in every MIS group the scope needs.
	 *
	 * @param missingGroups the groups the scope needs that the school's MIS has not confirmed, in catalogue order
	 * @param schoolStatus where the school is in onboarding; the tap is closed unless {@code ACTIVE}
	 */
	public record MisTap(boolean open, List<String> missingGroups, OnboardingStatus schoolStatus) {

		public MisTap {
			missingGroups = List.copyOf(missingGroups);
		}
	}

	/**
	 * The platform tap: the school has granted the app the scope and not revoked it.
	 *
	 * @param grantedAt when the grant in force was made; {@code null} when there is none
	 */
	public record PlatformTap(boolean open, Instant grantedAt) {

		static PlatformTap of(Grant grantInForce) {
			return grantInForce == null ? new PlatformTap(false, null) : new PlatformTap(true, grantInForce.grantedAt());
		}
	}
}
