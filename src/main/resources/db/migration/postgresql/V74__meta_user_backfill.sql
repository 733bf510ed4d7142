-- Accounts connected before V73 carry the Meta user only in their metadata (Pages) or their parent (Instagram).
update social_accounts set meta_user_id = account_metadata ->> 'facebook_user_id'
where meta_user_id is null and parent_account_id is null;
update social_accounts child set meta_user_id = parent.meta_user_id
from social_accounts parent
where child.meta_user_id is null and parent.tenant_id = child.tenant_id and parent.id = child.parent_account_id;
