-- The decision record: one row per decision that lets data flow or stops it (a review, a second administrator's
-- confirmation or refusal, a grant, a revocation, permissions assigned to an invited account), appended in the same
-- transaction as the decision itself and never changed. Each school's rows form a hash chain: every row carries the
-- SHA-256 of its predecessor's, so GET /api/audit/verify can tell whether a row was changed, removed or reordered.
-- It keeps no foreign keys so that it outlives the engine's history and the erasure of invitees' personal data.
create table decision_record (
    id             varchar(36)   not null primary key,
    school_urn     varchar(6)    not null,
    position       bigint        not null,
    kind           varchar(40)   not null,
    -- What was decided about: the access request, the grant or revocation, or the invite.
    subject        varchar(36)   not null,
    app_id         varchar(63),
    -- What the decision said, e.g. the scopes approved or revoked, or the permissions assigned.
    detail         varchar(4000),
    actor          varchar(255)  not null,
    reason         varchar(2000),
    recorded_at    timestamp with time zone not null,
    previous_hash  varchar(64)   not null,
    hash           varchar(64)   not null,
    constraint decision_record_position unique (school_urn, position)
);
