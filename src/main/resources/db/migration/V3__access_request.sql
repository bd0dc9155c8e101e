-- Data access requests, the scopes each asks for with the school's decision on each, and the grants in force.
create table access_request (
    id               varchar(36)   not null primary key,
    app_id           varchar(63)   not null references app (app_id),
    school_urn       varchar(6)    not null references school (urn),
    purpose          varchar(2000) not null,
    status           varchar(30)   not null,
    idempotency_key  varchar(200),
    submitted_at     timestamp with time zone not null,
    deadline         timestamp with time zone not null,
    decided_at       timestamp with time zone,
    decided_by       varchar(255),
    decision_reason  varchar(2000),
    confirmed_at     timestamp with time zone,
    confirmed_by     varchar(255),
    superseded_by    varchar(36),
    constraint access_request_idempotency unique (app_id, idempotency_key)
);

create index access_request_school_status on access_request (school_urn, status);
create index access_request_app_school on access_request (app_id, school_urn);

create table access_request_scope (
    request_id     varchar(36)   not null references access_request (id),
    scope          varchar(100)  not null,
    position       integer       not null,
    required       boolean       not null,
    justification  varchar(2000),
    decision       varchar(20),
    primary key (request_id, scope)
);

-- "grant" is a reserved word in SQL.
create table scope_grant (
    id             varchar(36)  not null primary key,
    school_urn     varchar(6)   not null references school (urn),
    app_id         varchar(63)  not null references app (app_id),
    scope          varchar(100) not null,
    request_id     varchar(36)  not null references access_request (id),
    granted_at     timestamp with time zone not null,
    granted_by     varchar(255) not null,
    revoked_at     timestamp with time zone,
    revoked_by     varchar(255),
    revoke_reason  varchar(2000)
);

create index scope_grant_lookup on scope_grant (school_urn, app_id, scope, revoked_at);
