package uk.schooldata.approvals.invite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A link's token is made from the key, the invite and the issue: the same three make the same token (a retried send
 * repeats a working link), any other makes another, and without the key nobody can make one.
 */
class InviteTokensTests {

	static final String KEY = "a-key-of-at-least-thirty-two-characters";

	@Test
	void oneIssueOfOneInviteAlwaysMakesTheSameTokenAndNothingElseDoes() {
		String token = InviteTokens.token(KEY, "invite-1", 1);

		assertThat(InviteTokens.token(KEY, "invite-1", 1)).isEqualTo(token);
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(InviteTokens.token(KEY, "invite-1", 2)).isNotEqualTo(token);
		assertThat(InviteTokens.token(KEY, "invite-2", 1)).isNotEqualTo(token);
		assertThat(InviteTokens.token("another-key-of-at-least-thirty-two-chars", "invite-1", 1)).isNotEqualTo(token);
		assertThat(InviteTokens.hash(token)).hasSize(64).isNotEqualTo(token);
	}
}
