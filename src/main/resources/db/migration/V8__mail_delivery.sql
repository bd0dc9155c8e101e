-- Who was sent which email: a retried job sends only to those who did not get it yet. The key names one email of one
-- process step (its execution and template); rows are written in a transaction of their own as each email goes.
create table mail_delivery (
    delivery_key  varchar(200)  not null,
    recipient     varchar(320)  not null,
    sent_at       timestamp with time zone not null,
    primary key (delivery_key, recipient)
);
