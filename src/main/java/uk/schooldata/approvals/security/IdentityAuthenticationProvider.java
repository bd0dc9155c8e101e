package uk.schooldata.approvals.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, the same users and groups the webapps use. Each
 * group becomes an authority named as the group ({@code platform-admins}, ...). Failed sign-ins are counted per
 * client address by the {@link SignInThrottle}, never against the user.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	private final SignInThrottle throttle;

	IdentityAuthenticationProvider(IdentityService identityService, SignInThrottle throttle) {
		this.identityService = identityService;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object password = authentication.getCredentials();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : "unknown";
		if (!throttle.mayTry(address, userId)) {
			throw new SignInThrottledException();
		}
		if (userId == null || userId.isBlank() || !(password instanceof String secret)
				|| !identityService.checkPassword(userId, secret)) {
			throttle.failed(address, userId);
			throw new BadCredentialsException("Unknown user or wrong password");
		}
		Set<String> groups = identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.collect(Collectors.toSet());
		Set<String> tenants = identityService.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.stream()
			.map(Tenant::getId)
			.collect(Collectors.toSet());
		return UsernamePasswordAuthenticationToken.authenticated(new Caller(userId, groups, tenants), null,
				groups.stream().map(SimpleGrantedAuthority::new).toList());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
