package uk.schooldata.approvals.onboarding.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import uk.schooldata.approvals.onboarding.OnboardingStatus;
import uk.schooldata.approvals.onboarding.School;
import uk.schooldata.approvals.onboarding.SchoolOnboardingProcess;
import uk.schooldata.approvals.onboarding.SchoolRegistration;
import uk.schooldata.approvals.onboarding.Schools;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * Starts onboarding a school and shows how far it has got.
 */
@RestController
@RequestMapping("/api/schools")
class SchoolController {

	private final SchoolOnboardingProcess onboarding;

	private final Schools schools;

	SchoolController(SchoolOnboardingProcess onboarding, Schools schools) {
		this.onboarding = onboarding;
		this.schools = schools;
	}

	/**
	 * Only platform operators get here (see the security configuration).
	 */
	@PostMapping
	ResponseEntity<SchoolResponse> register(@Valid @RequestBody SchoolRegistration registration) {
		onboarding.start(registration);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{urn}")
			.buildAndExpand(registration.urn())
			.toUri();
		return ResponseEntity.accepted().location(location).body(SchoolResponse.of(find(registration.urn())));
	}

	/**
	 * Platform operators and auditors see every school; a school administrator sees only their own.
	 */
	@GetMapping("/{urn}")
	SchoolResponse show(@PathVariable String urn, @AuthenticationPrincipal Caller caller) {
		if (!caller.canRead(urn)) {
			throw Problems.forbidden("You may see only your own school.");
		}
		return SchoolResponse.of(find(urn));
	}

	private School find(String urn) {
		return schools.findByUrn(urn)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
					"school-not-found", "School not found", "No school with URN " + urn + " is registered."), null));
	}

	record SchoolResponse(String urn, String name, String contactEmail, boolean usesSchoolBooking,
			OnboardingStatus status, MisUserResponse misUser, String problem, Instant registeredAt,
			Instant activatedAt) {

		static SchoolResponse of(School school) {
			return new SchoolResponse(school.urn(), school.name(), school.contactEmail(), school.usesSchoolBooking(),
					school.status(), new MisUserResponse(school.misUserId(), school.confirmedMisGroups()),
					school.problem(), school.registeredAt(), school.activatedAt());
		}
	}

	/**
	 * @param id the platform's user in the school's MIS, {@code null} until created
	 * @param confirmedGroups the permission groups the MIS has confirmed
	 */
	record MisUserResponse(String id, List<String> confirmedGroups) {
	}
}
