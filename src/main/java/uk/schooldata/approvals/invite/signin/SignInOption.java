package uk.schooldata.approvals.invite.signin;

/**
 * A provider the invitation page offers: the registration to sign in with, and what the button says.
 *
 * @param registrationId Spring Security's client registration, e.g. {@code google}
 */
public record SignInOption(String registrationId, String label, String hint) {
}
