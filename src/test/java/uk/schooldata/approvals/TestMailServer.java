package uk.schooldata.approvals;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A real SMTP server (GreenMail) for tests that read the email the application sends. Register it as a static
 * extension and point the application at it from a {@code @DynamicPropertySource}:
 *
 * <pre>
 * &#64;RegisterExtension
 * static GreenMailExtension smtp = TestMailServer.start();
 *
 * &#64;DynamicPropertySource
 * static void mailServer(DynamicPropertyRegistry registry) {
 * 	TestMailServer.use(smtp, registry);
 * }
 * </pre>
 *
 * It starts once per test class, before the Spring context, which reads its port.
 */
public final class TestMailServer {

	private TestMailServer() {
	}

	public static GreenMailExtension start() {
		return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
			.withPerMethodLifecycle(false);
	}

	public static void use(GreenMailExtension smtp, DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}
}
