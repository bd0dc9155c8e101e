package uk.schooldata.approvals.invite.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import uk.schooldata.approvals.invite.ExternalProvider;

/**
 * Each provider's answer read in its own shape, and only what the provider vouches for.
 */
class ProviderAccountsTests {

	@Test
	void googleGivesTheAddressOnlyWhenItHasVerifiedIt() {
		assertThat(ProviderAccounts.of(oidc(SignInProviders.GOOGLE, Map.of("sub", "1170", "email", "j@gmail.example",
				"email_verified", true, "name", "Jane Smith"))))
			.isEqualTo(new ProviderAccount(ExternalProvider.GOOGLE, "1170", "j@gmail.example", "Jane Smith", "Google"));
		assertThat(ProviderAccounts.of(oidc(SignInProviders.GOOGLE, Map.of("sub", "1171", "email", "j@gmail.example",
				"email_verified", false))).email()).isNull();
	}

	@Test
	void microsoftTellsPersonalFromWorkOrSchoolAccountsByTheirTenant() {
		ProviderAccount personal = ProviderAccounts.of(oidc(SignInProviders.MICROSOFT, Map.of("sub", "ms-1",
				"preferred_username", "jane@outlook.example", "tid", ProviderAccounts.MICROSOFT_PERSONAL_TENANT)));
		ProviderAccount work = ProviderAccounts.of(oidc(SignInProviders.MICROSOFT, Map.of("sub", "ms-2", "email",
				"j.smith@northfield.example", "tid", "72f988bf-86f1-41af-91ab-2d7cd011db47")));

		assertThat(personal.provider()).isEqualTo(ExternalProvider.MICROSOFT);
		assertThat(personal.email()).isEqualTo("jane@outlook.example");
		assertThat(personal.providerLabel()).isEqualTo("Microsoft");
		assertThat(work.provider()).isEqualTo(ExternalProvider.OFFICE_365);
		assertThat(work.providerLabel()).isEqualTo("Office 365");
	}

	@Test
	void facebookAndXAreReadFromTheirUserEndpointsAnswers() {
		assertThat(ProviderAccounts.of(oauth2(SignInProviders.FACEBOOK, Map.of("id", "10222", "name", "Jane Smith",
				"email", "jane@fb.example"), "id")))
			.isEqualTo(new ProviderAccount(ExternalProvider.FACEBOOK, "10222", "jane@fb.example", "Jane Smith",
					"Facebook"));
		ProviderAccount x = ProviderAccounts.of(oauth2(SignInProviders.TWITTER, Map.of("data", Map.of("id", "148",
				"name", "Jane Smith", "username", "janesmith")), "data"));
		assertThat(x).isEqualTo(new ProviderAccount(ExternalProvider.TWITTER, "148", null, "@janesmith",
				"X (Twitter)"));
		assertThat(x.shownAs()).isEqualTo("@janesmith");
	}

	@Test
	void anAnswerWithoutTheAccountsIdIsRefused() {
		assertThatThrownBy(() -> ProviderAccounts.of(oauth2(SignInProviders.TWITTER,
				Map.of("data", Map.of("name", "No Id")), "data")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("data.id");
	}

	private static OAuth2AuthenticationToken oidc(String registration, Map<String, Object> claims) {
		OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
		return new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")),
				token), List.of(), registration);
	}

	private static OAuth2AuthenticationToken oauth2(String registration, Map<String, Object> attributes,
			String nameAttribute) {
		return new OAuth2AuthenticationToken(new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				attributes, nameAttribute), List.of(), registration);
	}
}
