package uk.schooldata.approvals.accessrequest.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.accessrequest.Grant;
import uk.schooldata.approvals.accessrequest.Grants;
import uk.schooldata.approvals.accessrequest.Revocations;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * A school's dashboard of which scopes every app may receive, and revocation by the school's administrators.
 */
@RestController
@RequestMapping("/api/schools/{urn}/grants")
class GrantController {

	private final Grants grants;

	private final Revocations revocations;

	GrantController(Grants grants, Revocations revocations) {
		this.grants = grants;
		this.revocations = revocations;
	}

	@GetMapping
	List<AppGrants> list(@PathVariable String urn, @AuthenticationPrincipal Caller caller) {
		if (!caller.canRead(urn)) {
			throw Problems.forbidden("You may see only your own school's grants.");
		}
		Map<String, List<ScopeGrant>> byApp = new LinkedHashMap<>();
		for (Grant grant : grants.inForce(urn)) {
			byApp.computeIfAbsent(grant.appId(), app -> new ArrayList<>()).add(ScopeGrant.of(grant));
		}
		return byApp.entrySet().stream().map(entry -> new AppGrants(entry.getKey(), entry.getValue())).toList();
	}

	@DeleteMapping("/{appId}")
	ResponseEntity<Revocation> revokeApp(@PathVariable String urn, @PathVariable String appId,
			@RequestParam(required = false) String reason, @AuthenticationPrincipal Caller caller) {
		return revoke(urn, appId, null, reason, caller);
	}

	@DeleteMapping("/{appId}/{scope}")
	ResponseEntity<Revocation> revokeScope(@PathVariable String urn, @PathVariable String appId,
			@PathVariable String scope, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal Caller caller) {
		return revoke(urn, appId, scope, reason, caller);
	}

	private ResponseEntity<Revocation> revoke(String urn, String appId, String scope, String reason, Caller caller) {
		if (!caller.isSchoolAdminOf(urn)) {
			throw Problems.forbidden("Only an administrator of school " + urn + " may revoke its grants.");
		}
		String revocationId = revocations.revoke(urn, appId, scope, caller.id(), reason);
		return ResponseEntity.accepted().body(new Revocation(revocationId, urn, appId, scope));
	}

	record AppGrants(String appId, List<ScopeGrant> scopes) {
	}

	record ScopeGrant(String scope, Instant grantedAt, String grantedBy, String requestId) {

		static ScopeGrant of(Grant grant) {
			return new ScopeGrant(grant.scope(), grant.grantedAt(), grant.grantedBy(), grant.requestId());
		}
	}

	/**
	 * @param scope the scope revoked, or {@code null} for all of the app's scopes
	 */
	record Revocation(String revocationId, String schoolUrn, String appId, String scope) {
	}
}
