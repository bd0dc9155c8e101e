package uk.schooldata.approvals;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import uk.schooldata.approvals.accessrequest.AccessRequestScenario;
import uk.schooldata.approvals.invite.InviteScenario;

/**
 * A process test on the whole application with the job executor off, so that the test drives every job itself
 * ({@code execute(job())}) and the engine clock. The MIS is the in-process simulator, reached over real HTTP; mail
 * goes to the shared SMTP server of {@link TestServers}.
 * <p>
 * Every process test class has the same configuration, so they all share one application context: each test makes
 * its own school and app, and starts from an empty mailbox. Camunda registers its engine under the name "default" in
 * a static registry that {@code /engine-rest} reads, and closing an engine unregisters it, so no other context may
 * start while this one is alive: the process test classes run last ({@link ProcessTestsLast}), after every other
 * class has closed its context ({@code @DirtiesContext}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import({ AccessRequestScenario.class, InviteScenario.class })
public @interface ProcessTest {
}
