package uk.schooldata.approvals.mis.simulator;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import uk.schooldata.approvals.mis.Contact;
import uk.schooldata.approvals.mis.MisGroup;
import uk.schooldata.approvals.mis.MisPermissionGroup;
import uk.schooldata.approvals.mis.MisProperties;
import uk.schooldata.approvals.mis.MisUser;
import uk.schooldata.approvals.mis.StaffMember;
import uk.schooldata.approvals.mis.Student;
import uk.schooldata.approvals.mis.StudentFilter;

/**
 * The MIS's HTTP API, served by the {@link MisSimulator}. Every request needs the {@code X-API-Key} header; errors
 * are answered as {@code {"error": "<code>"}}.
 */
@RestController
@RequestMapping(MisProperties.Simulator.PATH + "/schools/{urn}")
@ConditionalOnBooleanProperty(name = "app.mis.simulator.enabled", matchIfMissing = true)
class MisSimulatorController {

	private static final String API_KEY_HEADER = "X-API-Key";

	private static final Logger LOG = LoggerFactory.getLogger(MisSimulatorController.class);

	private final MisSimulator simulator;

	private final String apiKey;

	MisSimulatorController(MisSimulator simulator, MisProperties properties) {
		this.simulator = simulator;
		this.apiKey = properties.apiKey();
	}

	/**
	 * Runs before every request: the injected latency and failures, then the API key, then the school.
	 */
	@ModelAttribute
	void answerLikeTheMis(@PathVariable String urn,
			@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey) {
		if (simulator.delayAndDecideFailure()) {
			LOG.debug("MIS simulator fails a request for school {} on purpose", urn);
			throw new MisApiError(HttpStatus.SERVICE_UNAVAILABLE, "unavailable");
		}
		if (!this.apiKey.equals(apiKey)) {
			throw new MisApiError(HttpStatus.UNAUTHORIZED, "unauthorized");
		}
		simulator.refusal(urn).ifPresent(reason -> {
			throw switch (reason) {
				case UNKNOWN_SCHOOL -> new MisApiError(HttpStatus.NOT_FOUND, "unknown_school");
				case FORBIDDEN -> new MisApiError(HttpStatus.FORBIDDEN, "forbidden");
			};
		});
	}

	@PostMapping("/users")
	ResponseEntity<MisUser> createUser(@PathVariable String urn, @RequestBody NewUser newUser) {
		if (!StringUtils.hasText(newUser.username())) {
			throw new MisApiError(HttpStatus.BAD_REQUEST, "invalid_request");
		}
		MisUser user = simulator.createUser(urn, newUser.username())
			.orElseThrow(() -> new MisApiError(HttpStatus.CONFLICT, "user_exists"));
		LOG.info("MIS simulator created user {} at school {}", user.id(), urn);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(user.id()).toUri();
		return ResponseEntity.created(location).body(user);
	}

	@GetMapping("/users")
	List<MisUser> findUsers(@PathVariable String urn, @RequestParam String username) {
		return simulator.user(urn, username).stream().toList();
	}

	@GetMapping("/users/{userId}")
	MisUser user(@PathVariable String urn, @PathVariable String userId) {
		return simulator.userWithId(urn, userId).orElseThrow(MisApiError::notFound);
	}

	@PutMapping("/users/{userId}/groups/{groupName}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void addToGroup(@PathVariable String urn, @PathVariable String userId, @PathVariable String groupName) {
		MisPermissionGroup group = MisPermissionGroup.fromMisName(groupName)
			.orElseThrow(() -> new MisApiError(HttpStatus.BAD_REQUEST, "unknown_group"));
		simulator.addToGroup(urn, userId, group).orElseThrow(MisApiError::notFound);
	}

	@GetMapping("/staff")
	List<StaffMember> staff(@PathVariable String urn) {
		return simulator.staff(urn);
	}

	@GetMapping("/staff/{staffId}")
	StaffMember staffMember(@PathVariable String urn, @PathVariable String staffId) {
		return simulator.staffMember(urn, staffId).orElseThrow(MisApiError::notFound);
	}

	@GetMapping("/students/{studentId}")
	Student student(@PathVariable String urn, @PathVariable String studentId) {
		return simulator.student(urn, studentId).orElseThrow(MisApiError::notFound);
	}

	@GetMapping("/contacts/{contactId}")
	Contact contact(@PathVariable String urn, @PathVariable String contactId) {
		return simulator.contact(urn, contactId).orElseThrow(MisApiError::notFound);
	}

	@GetMapping("/students")
	List<Student> students(@PathVariable String urn, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String registrationGroup) {
		return simulator.students(urn, new StudentFilter(year, registrationGroup));
	}

	@GetMapping("/contacts")
	List<Contact> contacts(@PathVariable String urn) {
		return simulator.contacts(urn);
	}

	@GetMapping("/groups")
	List<MisGroup> groups(@PathVariable String urn) {
		return simulator.groups(urn);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> error(MisApiError error) {
		return ResponseEntity.status(error.status).body(Map.of("error", error.code));
	}

	/**
	 * @param displayName how the MIS's own screens show the user; the simulator has none
	 */
	record NewUser(String username, String displayName) {
	}

	/**
	 * An error answer of the MIS API.
	 */
	private static final class MisApiError extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		MisApiError(HttpStatus status, String code) {
			super(code, null, false, false);
			this.status = status;
			this.code = code;
		}

		static MisApiError notFound() {
			return new MisApiError(HttpStatus.NOT_FOUND, "not_found");
		}
	}
}
