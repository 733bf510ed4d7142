#!/bin/sh
# First start of the PostgreSQL container: the non-owner role Forkcast connects as, with its password. Flyway
# (connected as the owner) grants it table privileges; row-level security then applies to everything it does.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$FORKCAST_APP_DB_PASSWORD" <<'SQL'
create role forkcast_app login password :'app_password';
SQL
