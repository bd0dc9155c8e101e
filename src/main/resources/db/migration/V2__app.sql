-- Third-party apps. Their API secret lives, hashed, in Camunda's identity service, never here.
create table app (
    app_id        varchar(63)  not null primary key,
    name          varchar(200) not null,
    contact_email varchar(320) not null,
    webhook_url   varchar(2000) not null,
    registered_at timestamp with time zone not null,
    registered_by varchar(255) not null
);
