/**
 * Audit: the tamper-evident decision record. Every decision that lets a school's data flow or stops it is appended,
 * in the decision's own transaction, to a per-school hash chain that {@code GET /api/audit/verify} checks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package uk.schooldata.approvals.audit;
