package uk.schooldata.approvals.invite.signin;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.invite.sign-in.*}.
 *
 * @param providers the client id and secret this system has with each real provider, by its id ({@code google},
 * {@code microsoft}, {@code facebook}, {@code twitter}); a provider without a client id is not offered
 * @param simulator the in-process provider simulator (default run and tests; off in {@code prod})
 * @param emailMustMatch whether an account whose email address differs from the one the invitation went to may
 * still be linked ({@code false}: it may, after the invitee is told plainly; {@code true}: it may not)
 * @param emailMustMatchSchools the schools (URNs) that insist on a matching address whatever
 * {@code emailMustMatch} says
 */
@Validated
@ConfigurationProperties("app.invite.sign-in")
public record SignInProperties(Map<String, Client> providers, Simulator simulator, boolean emailMustMatch,
		List<String> emailMustMatchSchools) {

	public SignInProperties {
		providers = providers == null ? Map.of() : Map.copyOf(providers);
		List<String> unknown = providers.keySet().stream().filter(id -> !SignInProviders.IDS.contains(id)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("app.invite.sign-in.providers: unknown provider " + unknown
					+ "; the providers are " + SignInProviders.IDS);
		}
		simulator = simulator == null ? new Simulator(false, 0) : simulator;
		emailMustMatchSchools = emailMustMatchSchools == null ? List.of() : List.copyOf(emailMustMatchSchools);
	}

	/**
	 * This system's client at one provider.
	 */
	public record Client(String clientId, String clientSecret) {

		boolean isConfigured() {
			return clientId != null && !clientId.isBlank();
		}
	}

	/**
	 * @param port where it listens on the loopback interface; 0 for any free port
	 */
	public record Simulator(boolean enabled, int port) {
	}

	public boolean emailMustMatchAt(String schoolUrn) {
		return emailMustMatch || emailMustMatchSchools.contains(schoolUrn);
	}
}
