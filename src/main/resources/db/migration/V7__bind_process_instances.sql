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

-- The school-onboarding instance that works on the school now (a cancelled school can be onboarded again).
alter table school add column onboarding_instance_id varchar(64);
create unique index school_onboarding_instance on school (onboarding_instance_id);

-- A school's revocation of an app's grants: who revoked what and why, bound to its grant-revocation instance.
create table grant_revocation (
    id                   varchar(36)   not null primary key,
    school_urn           varchar(6)    not null references school (urn),
    app_id               varchar(63)   not null references app (app_id),
    -- One scope, or null for every scope the app holds at the school.
    scope                varchar(100),
    revoked_by           varchar(255)  not null,
    reason               varchar(2000),
    requested_at         timestamp with time zone not null,
    process_instance_id  varchar(64),
    revoked_at           timestamp with time zone,
    -- Comma-separated: every scope this revocation ended, dependants included.
    revoked_scopes       varchar(4000),
    -- Comma-separated "scope (needs parent)": the scopes revoked because they need a revoked one.
    dependants_revoked   varchar(4000)
);

create unique index grant_revocation_instance on grant_revocation (process_instance_id);
