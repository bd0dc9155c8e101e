-- When the school's administrators were told that an invitation expired (the daily digest), so nobody is told twice.
alter table invite add column expiry_noticed_at timestamp with time zone;
