package uk.schooldata.approvals.invite.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import uk.schooldata.approvals.invite.Invite;
import uk.schooldata.approvals.invite.InviteBatch;
import uk.schooldata.approvals.invite.InviteRequest;
import uk.schooldata.approvals.invite.InviteService;
import uk.schooldata.approvals.invite.InviteStatus;
import uk.schooldata.approvals.invite.SourceGroup;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * Inviting a school's people and looking after the invites: the school's administrators, and platform operators.
 */
@RestController
class InviteController {

	private final InviteService invites;

	InviteController(InviteService invites) {
		this.invites = invites;
	}

	@PostMapping("/api/schools/{urn}/invites")
	ResponseEntity<InviteBatch> invite(@PathVariable String urn, @Valid @RequestBody InviteRequest request,
			@AuthenticationPrincipal Caller caller) {
		mayManage(urn, caller);
		InviteBatch batch = invites.invite(urn, request, caller.id());
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/invite-batches/{id}")
			.buildAndExpand(batch.id())
			.toUri();
		return ResponseEntity.accepted().location(location).body(batch);
	}

	@GetMapping("/api/invite-batches/{id}")
	InviteBatch batch(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		InviteBatch batch = invites.batch(id)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
					"invite-batch-not-found", "Invite batch not found", "No invite batch " + id + "."), null));
		mayRead(batch.schoolUrn(), caller);
		return batch;
	}

	@GetMapping("/api/schools/{urn}/invites")
	List<Invite> list(@PathVariable String urn, @RequestParam(required = false) InviteStatus status,
			@RequestParam(required = false) SourceGroup sourceGroup, @AuthenticationPrincipal Caller caller) {
		mayRead(urn, caller);
		return invites.list(urn, status, sourceGroup);
	}

	/**
	 * Another school's invite answers as a missing one does: {@code 404}, so its existence is not told.
	 */
	@GetMapping("/api/invites/{id}")
	Invite get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return invites.find(id)
			.filter(invite -> caller.canRead(invite.schoolUrn()))
			.orElseThrow(() -> InviteService.notFound(id));
	}

	@PostMapping("/api/invites/{id}/reinvite")
	ResponseEntity<Invite> reinvite(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		Invite invite = visible(id, caller);
		mayManage(invite.schoolUrn(), caller);
		return ResponseEntity.accepted().body(invites.reinvite(id, caller.id()));
	}

	@PostMapping("/api/schools/{urn}/invites/reinvite-expired")
	ResponseEntity<Map<String, Integer>> reinviteExpired(@PathVariable String urn,
			@AuthenticationPrincipal Caller caller) {
		mayManage(urn, caller);
		return ResponseEntity.accepted().body(Map.of("reinvited", invites.reinviteExpired(urn, caller.id())));
	}

	@DeleteMapping("/api/invites/{id}")
	Invite cancel(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		Invite invite = visible(id, caller);
		mayManage(invite.schoolUrn(), caller);
		return invites.cancel(id, caller.id());
	}

	private Invite visible(String id, Caller caller) {
		return invites.find(id)
			.filter(invite -> caller.canRead(invite.schoolUrn()))
			.orElseThrow(() -> InviteService.notFound(id));
	}

	private static void mayManage(String urn, Caller caller) {
		if (!caller.isPlatformAdmin() && !caller.isSchoolAdminOf(urn)) {
			throw Problems.forbidden("Only an administrator of school " + urn + " may manage its invites.");
		}
	}

	private static void mayRead(String urn, Caller caller) {
		if (!caller.canRead(urn)) {
			throw Problems.forbidden("You may see only your own school's invites.");
		}
	}
}
