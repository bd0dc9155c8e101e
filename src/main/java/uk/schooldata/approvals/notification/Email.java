package uk.schooldata.approvals.notification;

/**
 * A plain-text email to one recipient.
 */
public record Email(String to, String subject, String text) {
}
