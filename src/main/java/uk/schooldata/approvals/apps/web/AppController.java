package uk.schooldata.approvals.apps.web;

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

import uk.schooldata.approvals.apps.App;
import uk.schooldata.approvals.apps.AppRegistration;
import uk.schooldata.approvals.apps.AppRegistry;
import uk.schooldata.approvals.apps.AppSecrets;
import uk.schooldata.approvals.apps.Apps;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * Platform operators register apps; an app may read its own registration, never another's.
 */
@RestController
@RequestMapping("/api/apps")
class AppController {

	private final AppRegistry registry;

	private final Apps apps;

	AppController(AppRegistry registry, Apps apps) {
		this.registry = registry;
		this.apps = apps;
	}

	/**
	 * Only platform operators get here (see the security configuration).
	 */
	@PostMapping
	ResponseEntity<RegisteredApp> register(@Valid @RequestBody AppRegistration registration,
			@AuthenticationPrincipal Caller operator) {
		AppSecrets secrets = registry.register(registration, operator.id());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{appId}")
			.buildAndExpand(registration.appId())
			.toUri();
		App app = apps.findById(registration.appId()).orElseThrow();
		return ResponseEntity.created(location).body(new RegisteredApp(AppResponse.of(app), secrets.apiSecret(),
				secrets.webhookSecret()));
	}

	@GetMapping
	List<AppResponse> list(@AuthenticationPrincipal Caller caller) {
		if (!caller.isPlatformAdmin() && !caller.isAuditor()) {
			throw Problems.forbidden("Only platform operators and auditors may list apps.");
		}
		return apps.findAll().stream().map(AppResponse::of).toList();
	}

	@GetMapping("/{appId}")
	AppResponse show(@PathVariable String appId, @AuthenticationPrincipal Caller caller) {
		if (!caller.isPlatformAdmin() && !caller.isAuditor() && !caller.id().equals(appId)) {
			throw Problems.forbidden("An app may read only its own registration.");
		}
		return apps.findById(appId)
			.map(AppResponse::of)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
					"app-not-found", "App not found", "No app with id '" + appId + "' is registered."), null));
	}

	record AppResponse(String appId, String name, String contactEmail, String webhookUrl, Instant registeredAt,
			String registeredBy) {

		static AppResponse of(App app) {
			return new AppResponse(app.appId(), app.name(), app.contactEmail(), app.webhookUrl(), app.registeredAt(),
					app.registeredBy());
		}
	}

	/**
	 * The answer to a registration, the only one that ever carries the app's secrets.
	 *
	 * @param secret the app's HTTP Basic password
	 * @param webhookSecret the key the app verifies webhook signatures with (see {@code docs/webhooks.md})
	 */
	record RegisteredApp(AppResponse app, String secret, String webhookSecret) {

		@Override
		public String toString() {
			return "RegisteredApp[app=" + app + ", secret=(hidden), webhookSecret=(hidden)]";
		}
	}
}
