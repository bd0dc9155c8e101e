package uk.schooldata.approvals.invite.signin;

import java.util.List;

/**
 * The providers the invitation page offers, in order.
 */
public record SignInOptions(List<SignInOption> all) {
}
