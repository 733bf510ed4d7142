-- Google Business Profile locations are connected accounts too (platform google_business); their connect links
-- carry the platform and the PKCE code verifier of the authorization request.
alter table social_accounts drop constraint ck_social_accounts_platform;
alter table social_accounts add constraint ck_social_accounts_platform
    check (platform in ('facebook', 'instagram', 'google_business'));
alter table oauth_state add column platform varchar(32) default 'facebook' not null;
alter table oauth_state add column code_verifier varchar(128);
