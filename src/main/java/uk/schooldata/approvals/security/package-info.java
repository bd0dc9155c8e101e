/**
 * Users, groups and the roles they stand for, kept in Camunda's identity service so that the webapps and the APIs
 * share one set of identities.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package uk.schooldata.approvals.security;
