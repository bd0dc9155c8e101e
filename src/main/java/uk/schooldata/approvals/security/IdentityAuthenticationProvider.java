package uk.schooldata.approvals.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.annotation.Value;
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
 * <p>
 * Apps send their credentials with every call, and checking them is most of the cost of a cheap call such as the
 * data-flow check (a salted SHA-512, then two queries for groups and tenants). So a successful sign-in is remembered
 * for {@code app.security.sign-in-cache} (PT30S): the same user with the same password is signed in from memory. The
 * password is kept only as an HMAC under a key made at start-up and never stored, a failed sign-in is never
 * remembered, and a changed password, group or school membership takes effect within that time.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private final IdentityService identityService;

	private final SignInThrottle throttle;

	private final Cache<String, Caller> signedIn;

	private final SecretKeySpec cacheKey;

	IdentityAuthenticationProvider(IdentityService identityService, SignInThrottle throttle,
			@Value("${app.security.sign-in-cache:PT30S}") Duration remembered) {
		this.identityService = identityService;
		this.throttle = throttle;
		this.signedIn = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(10_000).build();
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.cacheKey = new SecretKeySpec(key, HMAC_SHA256);
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
		if (userId == null || userId.isBlank() || !(password instanceof String secret)) {
			throttle.failed(address, userId);
			throw new BadCredentialsException("Unknown user or wrong password");
		}
		String remembered = rememberedAs(userId, secret);
		Caller caller = signedIn.getIfPresent(remembered);
		if (caller == null) {
			if (!identityService.checkPassword(userId, secret)) {
				throttle.failed(address, userId);
				throw new BadCredentialsException("Unknown user or wrong password");
			}
			caller = caller(userId);
			signedIn.put(remembered, caller);
		}
		return UsernamePasswordAuthenticationToken.authenticated(caller, null,
				caller.groups().stream().map(SimpleGrantedAuthority::new).toList());
	}

	private Caller caller(String userId) {
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
		return new Caller(userId, groups, tenants);
	}

	/**
	 * The user and an HMAC of their password: what a successful sign-in is remembered by.
	 */
	private String rememberedAs(String userId, String password) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(cacheKey);
			byte[] digest = mac.doFinal((userId + '\0' + password).getBytes(StandardCharsets.UTF_8));
			return userId + '\0' + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
