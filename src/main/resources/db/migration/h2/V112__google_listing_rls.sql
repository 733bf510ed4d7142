-- H2 has no row-level security: this version exists so both vendors share one migration history.
select 1;
