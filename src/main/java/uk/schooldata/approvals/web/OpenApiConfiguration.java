package uk.schooldata.approvals.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of {@code /api} at {@code /v3/api-docs}, and Swagger UI at {@code /swagger-ui.html}, both
 * for signed-in callers. springdoc reads it from the controllers themselves; {@code OpenApiDescriptionTests} checks
 * that every route is in it and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String HTTP_BASIC = "httpBasic";

	@Bean
	OpenAPI schoolDataApprovalsApi() {
		return new OpenAPI()
			.info(new Info().title("School Data Approvals API")
				.version("1")
				.description("Apps ask schools for data access and check whether data may flow; schools onboard, "
						+ "invite and review; auditors read the timeline. Every call signs in with HTTP Basic; every "
						+ "error is application/problem+json (RFC 9457)."))
			.components(new Components().addSecuritySchemes(HTTP_BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(HTTP_BASIC));
	}
}
