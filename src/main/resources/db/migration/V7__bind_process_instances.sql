-- The domain rows are the source of truth. Each data access request and each invite is bound to the one process
-- instance that works on it when that instance starts; delegates and listeners read the row bound to their
-- instance, never a variable a caller could have written.
alter table access_request add column process_instance_id varchar(64);
create unique index access_request_instance on access_request (process_instance_id);

-- When the approved scopes were put in force: at most once per request.
alter table access_request add column grants_recorded_at timestamp with time zone;

-- "app:school" while the request is open (PENDING or AWAITING_SECOND_APPROVAL), otherwise null: one open request per
-- app and school, even when two submissions arrive at the same instant.
alter table access_request add column open_for varchar(80);
update access_request set open_for = app_id || ':' || school_urn where status in ('PENDING', 'AWAITING_SECOND_APPROVAL');
create unique index access_request_open_for on access_request (open_for);

alter table invite add column process_instance_id varchar(64);
create unique index invite_instance on invite (process_instance_id);
