/**
 * The Cockpit plugin "Audit history": the history of every instance of every process, finished and running, that
 * Cockpit Community Edition does not show, for auditors and platform operators, read-only.
 * <p>
 * How it plugs in: Cockpit's plugin registry finds {@link uk.schooldata.approvals.audit.cockpit.AuditHistoryPlugin}
 * through {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}; its JAX-RS resources join
 * Cockpit's own REST API at {@code /camunda/api/cockpit/plugin/audit-history/{engine}/...}; its page is
 * {@code plugin-webapp/audit-history/app/plugin.js} on the classpath, which Cockpit loads as an ES module from
 * {@code /camunda/api/cockpit/plugin/audit-history/static/app/plugin.js}. Only the labels (school, app, request) come
 * from this application's own tables, through the Spring bean {@link uk.schooldata.approvals.audit.cockpit.AuditLabels}.
 */
package uk.schooldata.approvals.audit.cockpit;
