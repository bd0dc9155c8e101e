-- When and by whom things ended, so the audit timeline reads from the tables that hold the facts (README, "Audit").

-- When an open request was closed without a decision: expired, withdrawn or superseded.
alter table access_request add column closed_at timestamp with time zone;

-- When the invite ended (active, expired, cancelled or failed), and who ended it (null: the process itself).
-- Cleared when an ended invite is sent again.
alter table invite add column ended_at timestamp with time zone;
alter table invite add column ended_by varchar(255);
-- The administrator who asked for the invite to be sent again, until the email goes out.
alter table invite add column resend_requested_by varchar(255);
-- When the invitee's personal data was erased (README, "Retention").
alter table invite add column personal_data_erased_at timestamp with time zone;

-- Who had each email sent: the administrator who invited or re-invited, or null for a reminder.
alter table invite_token add column issued_by varchar(255);
alter table invite_token add column reminder boolean default false not null;

-- Rows from before this migration take the nearest time they recorded.
update invite set ended_at = accepted_at where status = 'ACTIVE';
update invite set ended_at = coalesce(expires_at, sent_at, created_at) where status in ('EXPIRED', 'CANCELLED', 'FAILED');
update access_request set closed_at = deadline where status = 'EXPIRED';
update access_request set closed_at = submitted_at where status in ('WITHDRAWN', 'SUPERSEDED');

create index invite_ended on invite (ended_at, personal_data_erased_at);
create index access_request_submitted on access_request (submitted_at);
create index invite_token_issued on invite_token (invite_id, issued_at);
