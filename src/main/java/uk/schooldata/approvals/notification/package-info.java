/**
 * Telling people and apps what happened: email rendered from templates under {@code templates/mail}, sent through SMTP
 * when {@code spring.mail.host} is set and written to the log otherwise; and signed webhooks to apps
 * ({@link uk.schooldata.approvals.notification.Webhooks}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package uk.schooldata.approvals.notification;
