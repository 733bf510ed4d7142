-- CSV imports of posts: one row per file a tenant imported (its SHA-256), so that uploading the same file again
-- creates nothing and answers what the first upload did.
create table post_imports (
    id            uuid                     not null primary key,
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    file_sha256   varchar(64)              not null,
    file_name     varchar(255),
    row_count     integer                  not null,
    problem_count integer                  not null,
    post_ids      varchar                  not null,
    created_at    timestamp with time zone not null,
    constraint uq_post_imports_file unique (tenant_id, file_sha256)
);
