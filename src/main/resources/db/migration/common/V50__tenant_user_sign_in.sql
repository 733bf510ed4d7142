-- Dashboard sign-in: a password hash per tenant user (set through a one-time invitation, never chosen by an
-- operator) and the pending invitation, kept as the SHA-256 of its token (the token itself is shown once).
alter table tenant_users add column password_hash varchar(255);
alter table tenant_users add column invite_sha256 varchar(64);
alter table tenant_users add column invite_expires_at timestamp with time zone;

-- Sign-in looks a person up by e-mail across tenants (the same address may work for several restaurants).
create index ix_tenant_users_email on tenant_users (email);
create unique index uq_tenant_users_invite on tenant_users (invite_sha256);
