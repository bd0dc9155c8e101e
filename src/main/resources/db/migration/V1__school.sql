-- Schools on the platform and the MIS permission groups their MIS has confirmed for the platform's user.
create table school (
    urn                 varchar(6)   not null primary key,
    name                varchar(200) not null,
    contact_email       varchar(320) not null,
    uses_school_booking boolean      not null,
    status              varchar(20)  not null,
    mis_user_id         varchar(100),
    problem             varchar(2000),
    registered_at       timestamp with time zone not null,
    activated_at        timestamp with time zone
);

create table school_mis_group (
    urn          varchar(6)   not null references school (urn),
    mis_group    varchar(100) not null,
    confirmed_at timestamp with time zone not null,
    primary key (urn, mis_group)
);
