package uk.schooldata.approvals.accessrequest.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import uk.schooldata.approvals.accessrequest.AccessRequest;
import uk.schooldata.approvals.accessrequest.AccessRequestService.Submitted;
import uk.schooldata.approvals.accessrequest.AccessRequestService;
import uk.schooldata.approvals.accessrequest.AccessRequestStatus;
import uk.schooldata.approvals.accessrequest.AccessRequestSubmission;
import uk.schooldata.approvals.accessrequest.AccessRequests;
import uk.schooldata.approvals.accessrequest.ConsentReceipt;
import uk.schooldata.approvals.accessrequest.ConsentReceipts;
import uk.schooldata.approvals.accessrequest.RequestedScope;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.AcceptHeaders;
import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;
import uk.schooldata.approvals.web.Problems;

/**
 * Apps submit, read and withdraw their data access requests; schools' administrators, operators and auditors read
 * them. An app sees only its own requests, an administrator only their school's.
 */
@RestController
@RequestMapping("/api/access-requests")
class AccessRequestController {

	/** As long as the column that keeps it. */
	static final int MAX_IDEMPOTENCY_KEY = 200;

	private final AccessRequestService service;

	private final AccessRequests requests;

	private final ConsentReceipts receipts;

	private final ITemplateEngine templates;

	AccessRequestController(AccessRequestService service, AccessRequests requests, ConsentReceipts receipts,
			ITemplateEngine templates) {
		this.service = service;
		this.requests = requests;
		this.receipts = receipts;
		this.templates = templates;
	}

	@PostMapping
	ResponseEntity<AccessRequestResponse> submit(@Valid @RequestBody AccessRequestSubmission submission,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@AuthenticationPrincipal Caller caller) {
		if (!caller.isApp()) {
			throw Problems.forbidden("Only apps submit data access requests, as themselves.");
		}
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
			throw new InvalidRequestException(List.of(new FieldProblem("Idempotency-Key",
					"must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters")));
		}
		Submitted submitted = service.submit(caller.id(), submission, idempotencyKey);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(submitted.request().id())
			.toUri();
		return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.location(location)
			.body(AccessRequestResponse.of(submitted.request()));
	}

	@GetMapping("/{id}")
	AccessRequestResponse show(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return AccessRequestResponse.of(readable(id, caller));
	}

	/**
	 * The consent receipt of the school's decision, for the app that asked, the school and auditors: JSON, or a page
	 * to read and print when the caller asks for {@code text/html} by name (a browser does).
	 */
	@GetMapping("/{id}/receipt")
	ResponseEntity<?> receipt(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@AuthenticationPrincipal Caller caller) {
		ConsentReceipt receipt = receipts.of(readable(id, caller));
		if (!AcceptHeaders.asksFor(accept, MediaType.TEXT_HTML)) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(receipt);
		}
		Context page = new Context(Locale.UK, Map.of("receipt", receipt, "time", new ReceiptTimes()));
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(templates.process("receipt", page));
	}

	private AccessRequest readable(String id, Caller caller) {
		return requests.findById(id)
			.filter(request -> mayRead(caller, request))
			.orElseThrow(() -> AccessRequestService.notFound(id));
	}

	@GetMapping
	List<AccessRequestResponse> list(@RequestParam(required = false) String schoolUrn,
			@RequestParam(required = false) AccessRequestStatus status, @AuthenticationPrincipal Caller caller) {
		if (caller.isApp()) {
			return requests.find(schoolUrn, caller.id(), status).stream().map(AccessRequestResponse::of).toList();
		}
		if (!caller.isPlatformAdmin() && !caller.isAuditor() && (schoolUrn == null || !caller.isSchoolAdminOf(schoolUrn))) {
			throw Problems.forbidden("Name your own school: ?schoolUrn=<your school's URN>.");
		}
		return requests.find(schoolUrn, null, status).stream().map(AccessRequestResponse::of).toList();
	}

	/**
	 * The app withdraws its own open request.
	 */
	@DeleteMapping("/{id}")
	AccessRequestResponse withdraw(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		if (!caller.isApp()) {
			throw Problems.forbidden("Only the app that made a request may withdraw it.");
		}
		return AccessRequestResponse.of(service.withdraw(caller.id(), id));
	}

	private static boolean mayRead(Caller caller, AccessRequest request) {
		return caller.isApp() ? caller.id().equals(request.appId()) : caller.canRead(request.schoolUrn());
	}

	record AccessRequestResponse(String id, String appId, String schoolUrn, String purpose,
			AccessRequestStatus status, List<ScopeResponse> scopes, Instant submittedAt, Instant deadline,
			Instant decidedAt, String decidedBy, String decisionReason, Instant confirmedAt, String confirmedBy,
			String supersededBy) {

		static AccessRequestResponse of(AccessRequest request) {
			return new AccessRequestResponse(request.id(), request.appId(), request.schoolUrn(), request.purpose(),
					request.status(), request.scopes().stream().map(ScopeResponse::of).toList(), request.submittedAt(),
					request.deadline(), request.decidedAt(), request.decidedBy(), request.decisionReason(),
					request.confirmedAt(), request.confirmedBy(), request.supersededBy());
		}
	}

	record ScopeResponse(String name, boolean required, String justification, RequestedScope.Decision decision) {

		static ScopeResponse of(RequestedScope scope) {
			return new ScopeResponse(scope.name(), scope.required(), scope.justification(), scope.decision());
		}
	}
}
