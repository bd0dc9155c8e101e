package uk.schooldata.approvals.notification;

import static org.assertj.core.api.Assertions.assertThat;

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
}
