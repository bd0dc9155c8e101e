package uk.schooldata.approvals.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description of {@code /api} says what the controllers serve, route for route and method for method,
 * and it and Swagger UI are for signed-in callers only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.demo.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class OpenApiDescriptionTests {

	private static final Set<String> OPERATIONS = Set.of("get", "post", "put", "patch", "delete");

	@Autowired
	TestRestTemplate http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void describesEveryRouteOfTheControllersAndNothingElse() {
		Set<String> served = new TreeSet<>();
		for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
			assertThat(mapping.getMethodsCondition().getMethods()).as("every /api route names its method: %s", mapping)
				.satisfiesAnyOf(methods -> assertThat(methods).isNotEmpty(),
						methods -> assertThat(mapping.getPatternValues()).noneMatch(path -> path.startsWith("/api/")));
			mapping.getPatternValues()
				.stream()
				.filter(path -> path.startsWith("/api/"))
				.forEach(path -> mapping.getMethodsCondition()
					.getMethods()
					.forEach(method -> served.add(method.name() + " " + path)));
		}

		ResponseEntity<String> description = http.withBasicAuth("demo-app", "demo-app-secret")
			.getForEntity("/v3/api-docs", String.class);

		assertThat(description.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Map<String, Object>> paths = JsonPath.read(description.getBody(), "$.paths");
		Set<String> described = new TreeSet<>();
		paths.forEach((path, operations) -> operations.keySet()
			.stream()
			.filter(OPERATIONS::contains)
			.forEach(method -> described.add(method.toUpperCase() + " " + path)));
		assertThat(served).as("the controllers serve routes under /api").hasSizeGreaterThan(15);
		assertThat(described).isEqualTo(served);
		assertThat(JsonPath.<String>read(description.getBody(), "$.components.securitySchemes.httpBasic.scheme"))
			.isEqualTo("basic");
	}

	@Test
	void theDescriptionAndSwaggerUiAreForSignedInCallers() {
		for (String path : new String[] { "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html" }) {
			ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
			assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(anonymous.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		ResponseEntity<String> page = http.withBasicAuth("admin@northfield.example", "northfield")
			.getForEntity("/swagger-ui/index.html", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("Swagger UI");
	}
}
