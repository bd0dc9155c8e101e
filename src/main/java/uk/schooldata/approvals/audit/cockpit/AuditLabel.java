package uk.schooldata.approvals.audit.cockpit;

/**
 * What an instance is about, in the words of this application's records.
 *
 * @param schoolUrn the school, or {@code null} for an instance that concerns no single school
 * @param schoolName the school's name, or {@code null} when it is not known
 * @param appId the app, for access requests and revocations, otherwise {@code null}
 * @param appName the app's name
 * @param description one line, e.g. "Invitation: Jane Smith (parent)"
 */
record AuditLabel(String schoolUrn, String schoolName, String appId, String appName, String description) {
}
