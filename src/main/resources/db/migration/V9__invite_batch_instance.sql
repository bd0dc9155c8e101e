-- The invite-batch instance that starts a batch's user-invite instances, chunk by chunk, bound when it starts.
alter table invite_batch add column process_instance_id varchar(64);
create unique index invite_batch_instance on invite_batch (process_instance_id);
