/**
 * The app registry: third-party apps, their contact and webhook details, their webhook signing secrets and their API
 * identities.
 */
@org.springframework.modulith.ApplicationModule(displayName = "App registry")
package uk.schooldata.approvals.apps;
