-- Accounts connected before V73 carry the Meta user only in their metadata (Pages) or their parent (Instagram).
-- H2 has no JSON operators: the id is read from the JSON text.
update social_accounts set meta_user_id = regexp_substr(cast(account_metadata as varchar),
        '"facebook_user_id"\s*:\s*"([^"]+)"', 1, 1, '', 1)
where meta_user_id is null and parent_account_id is null;
update social_accounts child set meta_user_id = (select parent.meta_user_id from social_accounts parent
        where parent.tenant_id = child.tenant_id and parent.id = child.parent_account_id)
where child.meta_user_id is null and child.parent_account_id is not null;
