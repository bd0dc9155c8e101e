package uk.schooldata.approvals.mis;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import uk.schooldata.approvals.mis.MisRefusedException.Reason;

/**
 * The {@link MisConnector} over the MIS's HTTP API, with an API key and connect and read timeouts.
 * <p>
 * Every answer other than a success becomes one of the port's two exceptions: 403, and 404 with
 * {@code unknown_school}, are refusals; everything else (timeouts, connection errors, 5xx, 429, 401, other 4xx and
 * answers that cannot be read) is a technical failure. A 404 without {@code unknown_school} is a failure, not a
 * refusal: it is what a wrong base URL looks like.
 * <p>
 * Answers are read tolerantly: fields the MIS adds that this adapter does not know are ignored.
 */
@Component
class HttpMisConnector implements MisConnector {

	private static final String API_KEY_HEADER = "X-API-Key";

	private static final String PLATFORM_DISPLAY_NAME = "School Data Platform";

	private static final String UNKNOWN_SCHOOL = "unknown_school";

	/** The MIS has no such person (or user) at a school it knows. */
	private static final String NOT_FOUND = "not_found";

	private static final ParameterizedTypeReference<List<MisUser>> USERS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<StaffMember>> STAFF = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Student>> STUDENTS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Contact>> CONTACTS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<MisGroup>> GROUPS = new ParameterizedTypeReference<>() {
	};

	private static final Logger LOG = LoggerFactory.getLogger(HttpMisConnector.class);

	private final Supplier<RestClient> restClient;

	private final MeterRegistry meters;

	HttpMisConnector(MisProperties properties, RestClient.Builder restClientBuilder, Environment environment,
			MeterRegistry meters) {
		this.meters = meters;
		restClientBuilder
			// HTTP/1.1: the JDK client's default, an HTTP/2 upgrade on every new connection, breaks requests with a body
			// on some servers.
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
				.build(ClientHttpRequestFactorySettings.defaults()
					.withTimeouts(properties.connectTimeout(), properties.readTimeout())))
			.defaultHeader(API_KEY_HEADER, properties.apiKey())
			.messageConverters(converters -> converters.replaceAll(HttpMisConnector::tolerant));
		Supplier<String> baseUrl = baseUrl(properties, environment);
		// Built on first use: the simulator's port is only known once this server has started.
		this.restClient = SingletonSupplier.of(() -> restClientBuilder.baseUrl(baseUrl.get()).build());
	}

	@Override
	public MisUser createPlatformUser(String urn, String username) {
		MisUser user = call("create_user", urn, "create the platform user", () -> createOrFindUser(urn, username));
		LOG.info("MIS user {} is the platform's user at school {}", user.id(), urn);
		return user;
	}

	@Override
	public void addUserToGroup(String urn, String userId, MisPermissionGroup group) {
		call("add_user_to_group", urn, "add user " + userId + " to group " + group.misName(), () -> restClient.get()
			.put()
			.uri("/schools/{urn}/users/{userId}/groups/{groupName}", urn, userId, group.misName())
			.retrieve()
			.toBodilessEntity());
		LOG.info("Added MIS user {} to group {} at school {}", userId, group.misName(), urn);
	}

	@Override
	public MisUser readUser(String urn, String userId) {
		return call("read_user", urn, "read user " + userId, () -> restClient.get()
			.get()
			.uri("/schools/{urn}/users/{userId}", urn, userId)
			.retrieve()
			.body(MisUser.class));
	}

	@Override
	public List<StaffMember> listStaff(String urn) {
		return call("list_staff", urn, "list staff", () -> restClient.get()
			.get()
			.uri("/schools/{urn}/staff", urn)
			.retrieve()
			.body(STAFF));
	}

	@Override
	public List<Student> listStudents(String urn, StudentFilter filter) {
		return call("list_students", urn, "list students", () -> restClient.get()
			.get()
			.uri(uri -> uri.path("/schools/{urn}/students")
				.queryParamIfPresent("year", Optional.ofNullable(filter.yearGroup()))
				.queryParamIfPresent("registrationGroup", Optional.ofNullable(filter.registrationGroup()))
				.build(urn))
			.retrieve()
			.body(STUDENTS));
	}

	@Override
	public List<Contact> listContacts(String urn) {
		return call("list_contacts", urn, "list contacts", () -> restClient.get()
			.get()
			.uri("/schools/{urn}/contacts", urn)
			.retrieve()
			.body(CONTACTS));
	}

	@Override
	public List<MisGroup> listGroups(String urn) {
		return call("list_groups", urn, "list groups", () -> restClient.get()
			.get()
			.uri("/schools/{urn}/groups", urn)
			.retrieve()
			.body(GROUPS));
	}

	@Override
	public Optional<StaffMember> findStaffMember(String urn, String staffId) {
		return find("read_staff_member", urn, "read staff member " + staffId, StaffMember.class, "/schools/{urn}/staff/{id}", staffId);
	}

	@Override
	public Optional<Student> findStudent(String urn, String studentId) {
		return find("read_student", urn, "read student " + studentId, Student.class, "/schools/{urn}/students/{id}", studentId);
	}

	@Override
	public Optional<Contact> findContact(String urn, String contactId) {
		return find("read_contact", urn, "read contact " + contactId, Contact.class, "/schools/{urn}/contacts/{id}", contactId);
	}

	/**
	 * Reads one person; the MIS's {@code 404 not_found} for the person (not for the school) is an empty answer.
	 */
	private <T> Optional<T> find(String operation, String urn, String action, Class<T> type, String path, String id) {
		try {
			return Optional.of(call(operation, urn, action, () -> restClient.get().get().uri(path, urn, id).retrieve().body(type)));
		}
		catch (MisUnavailableException ex) {
			if (ex.getCause() instanceof HttpClientErrorException.NotFound notFound
					&& NOT_FOUND.equals(errorCode(notFound))) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private MisUser createOrFindUser(String urn, String username) {
		try {
			return restClient.get()
				.post()
				.uri("/schools/{urn}/users", urn)
				.body(new NewUser(username, PLATFORM_DISPLAY_NAME))
				.retrieve()
				.body(MisUser.class);
		}
		catch (HttpClientErrorException.Conflict ex) {
			LOG.info("The platform's MIS user already exists at school {}; reusing it", urn);
			List<MisUser> users = restClient.get()
				.get()
				.uri("/schools/{urn}/users?username={username}", urn, username)
				.retrieve()
				.body(USERS);
			return Objects.requireNonNullElse(users, List.<MisUser>of())
				.stream()
				.filter(user -> user.username().equals(username))
				.findFirst()
				.orElseThrow(() -> new MisUnavailableException("The MIS at school " + urn
						+ " says the platform's user exists but does not find it by its username", ex));
		}
	}

	/**
	 * Makes a request, measures it ({@code sda_mis_calls_seconds{operation, outcome}}: {@code success},
	 * {@code refused}, {@code not_found} or {@code unavailable}) and turns whatever goes wrong into the port's exceptions.
	 */
	private <T> T call(String operation, String urn, String action, Supplier<T> request) {
		LOG.debug("Asking the MIS to {} at school {}", action, urn);
		Timer.Sample sample = Timer.start(meters);
		String outcome = "unavailable";
		try {
			T answer = answer(urn, action, request);
			outcome = "success";
			return answer;
		}
		catch (MisRefusedException ex) {
			outcome = "refused";
			throw ex;
		}
		catch (MisUnavailableException ex) {
			if (ex.getCause() instanceof HttpClientErrorException.NotFound) {
				outcome = "not_found";
			}
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("sda.mis.calls")
				.description("Calls to the schools' MIS, by operation and outcome")
				.tags("operation", operation, "outcome", outcome)
				.register(meters));
		}
	}

	private static <T> T answer(String urn, String action, Supplier<T> request) {
		T answer;
		try {
			answer = request.get();
		}
		catch (RestClientResponseException ex) {
			throw refusalOrFailure(urn, action, ex);
		}
		catch (ResourceAccessException ex) {
			throw new MisUnavailableException("The MIS did not answer when asked to " + action + " at school " + urn
					+ " (timeout or connection error): " + ex.getMessage(), ex);
		}
		catch (RestClientException ex) {
			throw new MisUnavailableException("The MIS's answer could not be read when asked to " + action
					+ " at school " + urn + ": " + ex.getMessage(), ex);
		}
		if (answer == null) {
			throw new MisUnavailableException(
					"The MIS answered without a body when asked to " + action + " at school " + urn);
		}
		return answer;
	}

	/**
	 * Whether the MIS answers at all: any HTTP answer to its root below 500 means it is up.
	 *
	 * @return the status it answered with
	 * @throws MisUnavailableException when it does not answer, or answers 5xx
	 */
	int ping() {
		try {
			return restClient.get()
				.get()
				.uri("/")
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status >= 500) {
						throw new MisUnavailableException("The MIS answered " + status);
					}
					return status;
				});
		}
		catch (RestClientException ex) {
			throw new MisUnavailableException("The MIS did not answer (timeout or connection error)", ex);
		}
	}

	private static RuntimeException refusalOrFailure(String urn, String action, RestClientResponseException ex) {
		HttpStatusCode status = ex.getStatusCode();
		if (status.isSameCodeAs(HttpStatus.FORBIDDEN)) {
			return new MisRefusedException(Reason.FORBIDDEN,
					"The MIS does not allow the platform to " + action + " at school " + urn);
		}
		if (status.isSameCodeAs(HttpStatus.NOT_FOUND) && UNKNOWN_SCHOOL.equals(errorCode(ex))) {
			return new MisRefusedException(Reason.UNKNOWN_SCHOOL, "The MIS does not know school " + urn);
		}
		if (status.isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
			return new MisUnavailableException("The MIS did not accept the platform's API key (app.mis.api-key) when"
					+ " asked to " + action + " at school " + urn, ex);
		}
		return new MisUnavailableException(
				"The MIS answered " + status.value() + " when asked to " + action + " at school " + urn, ex);
	}

	private static String errorCode(RestClientResponseException ex) {
		try {
			MisError error = ex.getResponseBodyAs(MisError.class);
			return (error != null) ? error.error() : null;
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	private static Supplier<String> baseUrl(MisProperties properties, Environment environment) {
		if (StringUtils.hasText(properties.baseUrl())) {
			return properties::baseUrl;
		}
		// MisProperties guarantees the simulator is on when no base URL is set.
		return () -> {
			String port = environment.getProperty("local.server.port");
			if (port == null) {
				throw new MisUnavailableException("The MIS simulator cannot be called yet: this server has not started");
			}
			return "http://localhost:" + port + environment.getProperty("server.servlet.context-path", "")
					+ MisProperties.Simulator.PATH;
		};
	}

	private static HttpMessageConverter<?> tolerant(HttpMessageConverter<?> converter) {
		if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
			return new MappingJackson2HttpMessageConverter(
					jackson.getObjectMapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
		}
		return converter;
	}

	record NewUser(String username, String displayName) {
	}

	record MisError(String error) {
	}
}
