-- "Forgot password?": a pending password reset per tenant user, kept as the SHA-256 of its token (the token itself
-- travels only in the e-mail), with its expiry. Setting a password uses it up, as it uses up an invitation.
alter table tenant_users add column reset_sha256 varchar(64);
alter table tenant_users add column reset_expires_at timestamp with time zone;

create unique index uq_tenant_users_reset on tenant_users (reset_sha256);
