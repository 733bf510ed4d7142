-- Who asked for a connect link (a dashboard user, an API key, the operator): the callback carries no credential,
-- so the account connected is recorded in the audit trail as done by whoever started the flow.
alter table oauth_state add column started_by_kind varchar(16);
alter table oauth_state add column started_by_id uuid;
