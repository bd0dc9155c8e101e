package uk.schooldata.approvals.audit.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.audit.ChainReport;
import uk.schooldata.approvals.audit.DecisionLedger;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.web.Problems;

/**
 * The audit API: whether the decision record is intact. Auditors and platform operators check every school's
 * chain; a school's administrators check their own school's. Apps may not.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	private final DecisionLedger ledger;

	AuditController(DecisionLedger ledger) {
		this.ledger = ledger;
	}

	/**
	 * @param schoolUrn one school's chain; without it, every chain the caller may read
	 */
	@GetMapping("/verify")
	ChainReport verify(@RequestParam(required = false) String schoolUrn, @AuthenticationPrincipal Caller caller) {
		if (caller.isApp()) {
			throw Problems.forbidden("Apps may not read the decision record.");
		}
		if (schoolUrn != null) {
			if (!caller.canRead(schoolUrn)) {
				throw Problems.forbidden("You may check only your own school's decision record.");
			}
			return ledger.verify(List.of(schoolUrn));
		}
		if (caller.isAuditor() || caller.isPlatformAdmin()) {
			return ledger.verify(List.of());
		}
		List<String> ownSchools = caller.tenants().stream().filter(caller::isSchoolAdminOf).sorted().toList();
		if (ownSchools.isEmpty()) {
			throw Problems.forbidden("Only auditors, platform operators and school administrators may check the "
					+ "decision record.");
		}
		return ledger.verify(ownSchools);
	}
}
