/**
 * Data access requests, the platform tap: apps ask a school for named data scopes, the school's administrators
 * approve them scope by scope in Tasklist, and the resulting grants decide, with the MIS tap, whether data may flow.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data access requests")
package uk.schooldata.approvals.accessrequest;
