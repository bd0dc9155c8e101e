-- Every app's webhook signing secret (HMAC-SHA256 key). Stored as it is, not hashed: the platform needs it to sign.
-- Apps registered before this migration have none until they are given one; a webhook to such an app fails and
-- becomes an incident rather than going out unsigned.
alter table app add column webhook_secret varchar(200);
