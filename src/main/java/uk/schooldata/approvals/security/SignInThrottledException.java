package uk.schooldata.approvals.security;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed sign-ins from this client address: the password was not even checked.
 */
class SignInThrottledException extends AuthenticationException {

	SignInThrottledException() {
		super("Too many failed sign-ins from this address");
	}
}
