package uk.schooldata.approvals.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Templates with and without an HTML alternative; values HTML-escaped in the HTML only.
 */
class MailTemplatesTests {

	final MailTemplates templates = new MailTemplates();

	@Test
	void rendersTheHtmlAlternativeWithEscapedValuesNextToThePlainText() {
		MailTemplates.RenderedMail mail = templates.render("invitation", Map.of("displayName", "Tom <b>& Jerry</b>",
				"schoolName", "Hillside Academy", "link", "https://x.example/api/invitations/abc/accept", "expiresAt",
				"7 December 2026"));

		assertThat(mail.subject()).isEqualTo("Hillside Academy invites you to its online services");
		assertThat(mail.text()).contains("Dear Tom <b>& Jerry</b>,").contains("https://x.example/api/invitations/abc/accept");
		assertThat(mail.html()).contains("Dear Tom &lt;b&gt;&amp; Jerry&lt;/b&gt;,")
			.contains("href=\"https://x.example/api/invitations/abc/accept\"");
	}

	@Test
	void aTemplateWithoutAnHtmlFileIsPlainTextOnly() {
		MailTemplates.RenderedMail mail = templates.render("school-onboarded", Map.of("schoolName", "Hillside Academy",
				"misUserId", "MISU-1", "misGroups", "- Class Teacher", "administrator", "office@hillside.example", "urn",
				"123456"));

		assertThat(mail.html()).isNull();
		assertThat(mail.text()).contains("Hillside Academy");
	}

	@Test
	void aValueThatLooksLikeAPlaceholderIsWrittenAsItIs() {
		MailTemplates.RenderedMail mail = templates.render("access-request-approved", receiptValues("Homework ${purpose} ${oops} $1 \\"));

		assertThat(mail.text()).contains("Homework ${purpose} ${oops} $1 \\");
	}

	@Test
	void refusesATemplateWhosePlaceholderHasNoValue() {
		Map<String, String> values = new java.util.HashMap<>(receiptValues("Homework"));
		values.remove("purpose");

		assertThatThrownBy(() -> templates.render("access-request-approved", values))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("Mail template access-request-approved has no value for ${purpose}");
	}

	private static Map<String, String> receiptValues(String purpose) {
		return Map.of("appName", "Homework Hub", "requestId", "r-1", "schoolUrn", "123456", "purpose", purpose,
				"approvedScopes", "  - school", "scopes", "  - school", "decidedBy", "admin@hillside.example",
				"confirmedBy", "not needed", "decidedAt", "2 December 2026 at 09:00 GMT", "deadline",
				"16 December 2026 at 09:00 GMT");
	}
}
