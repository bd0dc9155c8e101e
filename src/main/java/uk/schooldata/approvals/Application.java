package uk.schooldata.approvals;

import javax.xml.datatype.DatatypeFactory;

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

	static {
		// Camunda's DurationHelper asks for a DatatypeFactory for every timer it schedules. Without this property each
		// ask searches the class path through the ServiceLoader, under a lock (docs/benchmarks.md); with it, the JDK's
		// own factory is taken at once. A value given on the command line wins.
		if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
			System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
					DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}
}
