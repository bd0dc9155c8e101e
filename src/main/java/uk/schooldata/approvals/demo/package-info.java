/**
 * Demo data for the default profile: an auditor, a demo app and two onboarded demo schools with their
 * administrators, all with passwords (and the demo app's webhook secret) from {@code app.demo.*}. Never active in
 * {@code prod}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package uk.schooldata.approvals.demo;
