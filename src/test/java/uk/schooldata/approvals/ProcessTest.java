package uk.schooldata.approvals;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process test on the whole application with the job executor off, so that the test drives every job itself
 * ({@code execute(job())}) and the engine clock. The MIS is the in-process simulator, reached over real HTTP.
 * <p>
 * The context is closed after the class: Camunda registers its engine under the name "default" in a static registry
 * that {@code /engine-rest} reads, so only one application context may be alive at a time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@DirtiesContext
public @interface ProcessTest {
}
