package uk.schooldata.approvals.invite.signin.simulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.oauth2.sdk.TokenRequest;

import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * What one simulated provider puts in its tokens: the audience is the client that asked (as a real provider's is);
 * the subject and the account's claims come from the simulator's sign-in page, which the mock server adds on top.
 */
final class SimulatedProviderTokens implements OAuth2TokenCallback {

	private final String issuerId;

	SimulatedProviderTokens(String issuerId) {
		this.issuerId = issuerId;
	}

	@Override
	public String issuerId() {
		return issuerId;
	}

	@Override
	public String subject(TokenRequest tokenRequest) {
		// Replaced by what the person signed in as; only a token asked for without signing in gets this.
		return UUID.randomUUID().toString();
	}

	@Override
	public String typeHeader(TokenRequest tokenRequest) {
		return JOSEObjectType.JWT.getType();
	}

	@Override
	public List<String> audience(TokenRequest tokenRequest) {
		return List.of(clientId(tokenRequest));
	}

	@Override
	public Map<String, Object> addClaims(TokenRequest tokenRequest) {
		return Map.of("azp", clientId(tokenRequest));
	}

	@Override
	public long tokenExpiry() {
		return 3600;
	}

	private static String clientId(TokenRequest tokenRequest) {
		if (tokenRequest.getClientAuthentication() != null) {
			return tokenRequest.getClientAuthentication().getClientID().getValue();
		}
		return tokenRequest.getClientID() == null ? "unknown" : tokenRequest.getClientID().getValue();
	}
}
