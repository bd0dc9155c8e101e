package uk.schooldata.approvals.invite.signin;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The issuer check for Microsoft's multi-tenant ("common") sign-in, which Spring's own cannot make: personal and work
 * or school accounts come from one endpoint, and each ID token's issuer names the account's own tenant,
 * {@code https://login.microsoftonline.com/<tid>/v2.0}. The token is accepted only when its issuer is exactly that,
 * for the tenant the token itself names.
 */
final class MicrosoftIssuerValidator implements OAuth2TokenValidator<Jwt> {

	static final String ISSUER = "https://login.microsoftonline.com/%s/v2.0";

	@Override
	public OAuth2TokenValidatorResult validate(Jwt idToken) {
		String tenant = idToken.getClaimAsString("tid");
		String issuer = idToken.getIssuer() == null ? null : idToken.getIssuer().toString();
		if (tenant != null && tenant.matches("[0-9a-fA-F-]{36}") && String.format(ISSUER, tenant).equals(issuer)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token",
				"The ID token's issuer is not Microsoft's for the tenant it names", null));
	}
}
