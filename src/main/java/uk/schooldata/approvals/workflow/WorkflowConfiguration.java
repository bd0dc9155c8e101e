package uk.schooldata.approvals.workflow;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

	@Bean
	FilterRegistrationBean<EngineRestStartGuard> engineRestStartGuard(List<ProcessStartValidator> validators,
			ObjectMapper objectMapper, ProcessEngine engine) {
		FilterRegistrationBean<EngineRestStartGuard> registration = new FilterRegistrationBean<>(
				new EngineRestStartGuard(validators, objectMapper, engine));
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		// After the filter that tells the engine who is calling.
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}
}
