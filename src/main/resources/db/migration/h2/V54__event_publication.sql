-- Spring Modulith's JDBC event publication registry (its v2 schema for H2): an event stays here until each listener
-- of it finished, so a listener interrupted by a crash runs again after a restart.
create table event_publication (
    id                     uuid                        not null primary key,
    completion_date        timestamp(9) with time zone,
    event_type             varchar(512)                not null,
    listener_id            varchar(512)                not null,
    publication_date       timestamp(9) with time zone not null,
    serialized_event       varchar(4000)               not null,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp(9) with time zone
);
create index event_publication_by_listener_id_and_serialized_event_idx
    on event_publication (listener_id, serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
