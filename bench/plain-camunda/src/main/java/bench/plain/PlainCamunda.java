package bench.plain;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A plain Camunda 7.24 application: the Spring Boot starter's defaults, and Camunda's own HTTP Basic authentication
 * on {@code /engine-rest}, as Camunda's documentation sets it up.
 */
@SpringBootApplication
public class PlainCamunda {

	public static void main(String[] args) {
		SpringApplication.run(PlainCamunda.class, args);
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> httpBasic() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		return registration;
	}
}
