-- Invitations of a school's staff, students and parents to online services, in batches.
create table invite_batch (
    id            varchar(36)   not null primary key,
    school_urn    varchar(6)    not null references school (urn),
    source_group  varchar(20)   not null,
    invited_by    varchar(255)  not null,
    created_at    timestamp with time zone not null,
    invited       integer       not null,
    skipped       integer       not null
);

create table invite (
    id                 varchar(36)   not null primary key,
    batch_id           varchar(36)   references invite_batch (id),
    school_urn         varchar(6)    not null references school (urn),
    source_group       varchar(20)   not null,
    mis_person_id      varchar(50)   not null,
    display_name       varchar(255)  not null,
    email              varchar(320),
    status             varchar(20)   not null,
    -- Whether its user-invite instance has been started; claimed in the starting transaction, so never started twice.
    process_started    boolean       default false not null,
    -- SHA-256 (hex) of the one token that works now; null while none does.
    token_hash         varchar(64),
    created_at         timestamp with time zone not null,
    sent_at            timestamp with time zone,
    expires_at         timestamp with time zone,
    accepted_at        timestamp with time zone,
    external_provider  varchar(20),
    external_subject   varchar(255),
    external_email     varchar(320),
    permissions        varchar(200),
    permissions_by     varchar(255),
    -- Set only on acceptance, so an external account belongs to one person at most.
    constraint invite_external_identity unique (external_provider, external_subject)
);

create index invite_school_status on invite (school_urn, status, source_group);
create index invite_person on invite (school_urn, source_group, mis_person_id);
create index invite_batch_status on invite (batch_id, status);
create index invite_unstarted on invite (process_started, status);

-- Every token ever issued, so that a superseded one is told apart from one never issued (410, not 404).
create table invite_token (
    token_hash  varchar(64)  not null primary key,
    invite_id   varchar(36)  not null references invite (id),
    issued_at   timestamp with time zone not null
);

create table invite_skip (
    batch_id       varchar(36)  not null references invite_batch (id),
    mis_person_id  varchar(50)  not null,
    reason         varchar(40)  not null
);

create index invite_skip_batch on invite_skip (batch_id);
