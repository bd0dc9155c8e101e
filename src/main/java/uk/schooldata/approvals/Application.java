package uk.schooldata.approvals;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * School Data Approvals: the onboarding, data access request and invite lifecycles of a schools data platform,
 * run as BPMN processes on an embedded Camunda 7 engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}
}
