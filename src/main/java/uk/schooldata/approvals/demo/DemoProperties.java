package uk.schooldata.approvals.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo identities ({@code app.demo.*}).
 */
@ConfigurationProperties("app.demo")
record DemoProperties(@DefaultValue("false") boolean enabled, Login auditor, DemoApp app,
		@DefaultValue List<DemoSchool> schools) {

	record Login(String username, String password) {
	}

	/**
	 * @param secret the demo app's API password
	 * @param webhookSecret the key of the signature on webhooks to the demo app
	 */
	record DemoApp(String appId, String name, String contactEmail, String webhookUrl, String secret,
			String webhookSecret) {
	}

	record DemoSchool(String urn, String name, String administrator, String password) {
	}
}
