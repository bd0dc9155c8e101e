package uk.schooldata.approvals;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The real servers the process tests talk to, one of each for the whole test run, so that every
 * {@link ProcessTest} class shares one application context: an SMTP server (GreenMail) that the application sends
 * through, and an HTTP server (WireMock) that plays the apps' webhook receivers. Each test starts from an empty
 * mailbox and no stubs ({@link #clear()}).
 */
public final class TestServers {

	private static GreenMail mail;

	private static WireMockServer webhooks;

	private TestServers() {
	}

	/**
	 * The SMTP server, started on first use.
	 */
	public static synchronized GreenMail mail() {
		if (mail == null) {
			mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
				.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
			mail.start();
		}
		return mail;
	}

	/**
	 * The apps' webhook receiver, started on first use.
	 */
	public static synchronized WireMockServer webhooks() {
		if (webhooks == null) {
			webhooks = new WireMockServer(wireMockConfig().dynamicPort());
			webhooks.start();
		}
		return webhooks;
	}

	/**
	 * An empty mailbox, and no stubs or requests at the receiver.
	 */
	public static void clear() {
		try {
			mail().purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot empty the test mailboxes", ex);
		}
		webhooks().resetAll();
	}

	/**
	 * Points the application's mail at the SMTP server, before the context starts (so that mail's auto-configuration
	 * sees a host): for every test class annotated {@link ProcessTest}, registered in
	 * {@code META-INF/spring.factories}. One instance, equal to itself, so those classes keep sharing a context.
	 */
	public static class MailServerCustomizerFactory implements ContextCustomizerFactory {

		private static final ContextCustomizer MAIL_SERVER = new ContextCustomizer() {

			@Override
			public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
				context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("test-servers", Map.of("spring.mail.host", "localhost",
							"spring.mail.port", mail().getSmtp().getPort())));
			}
		};

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return TestContextAnnotationUtils.hasAnnotation(testClass, ProcessTest.class) ? MAIL_SERVER : null;
		}
	}
}
