package uk.schooldata.approvals.workflow;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

	@Bean
	FilterRegistrationBean<EngineRestStartGuard> engineRestStartGuard(List<ProcessStartValidator> validators,
			ObjectMapper objectMapper) {
		FilterRegistrationBean<EngineRestStartGuard> registration = new FilterRegistrationBean<>(
				new EngineRestStartGuard(validators, objectMapper));
		registration.addUrlPatterns("/engine-rest/*");
		return registration;
	}
}
