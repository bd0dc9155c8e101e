/**
 * Invitations: a school invites its staff, students and parents from the MIS to online services. One
 * {@code user-invite} process per invitee sends the email, waits for acceptance with an external account, a reinvite,
 * a cancellation or the expiry, and has a school administrator assign permissions in Tasklist.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Invitations")
package uk.schooldata.approvals.invite;
