package uk.schooldata.approvals.invite.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Microsoft's multi-tenant ID tokens: the issuer must be Microsoft's for the very tenant the token names.
 */
class MicrosoftIssuerValidatorTests {

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	final MicrosoftIssuerValidator validator = new MicrosoftIssuerValidator();

	@Test
	void acceptsTheIssuerOfTheTenantTheTokenNames() {
		assertThat(validator.validate(token("https://login.microsoftonline.com/" + TENANT + "/v2.0", TENANT))
			.hasErrors()).isFalse();
		assertThat(validator.validate(token("https://login.microsoftonline.com/"
				+ ProviderAccounts.MICROSOFT_PERSONAL_TENANT + "/v2.0", ProviderAccounts.MICROSOFT_PERSONAL_TENANT))
			.hasErrors()).isFalse();
	}

	@Test
	void refusesAnotherIssuerAnotherTenantsIssuerOrNoTenant() {
		assertThat(validator.validate(token("https://evil.example/" + TENANT + "/v2.0", TENANT)).hasErrors()).isTrue();
		assertThat(validator.validate(token("https://login.microsoftonline.com/" + TENANT + "/v2.0",
				ProviderAccounts.MICROSOFT_PERSONAL_TENANT)).hasErrors()).isTrue();
		assertThat(validator.validate(token("https://login.microsoftonline.com/common/v2.0", null)).hasErrors())
			.isTrue();
	}

	private static Jwt token(String issuer, String tenant) {
		Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").issuer(issuer).subject("someone")
			.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
		if (tenant != null) {
			token.claim("tid", tenant);
		}
		return token.build();
	}
}
