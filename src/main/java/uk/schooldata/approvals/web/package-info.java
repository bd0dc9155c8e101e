/**
 * Cross-cutting web concerns: every API error as an RFC 9457 {@code application/problem+json} with a stable type.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web support", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package uk.schooldata.approvals.web;
