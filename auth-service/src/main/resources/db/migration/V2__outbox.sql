-- One transactional outbox for every event this service publishes (CONTRIBUTING.md, "Messaging"). Until this version
-- events were sent inside the change's transaction, so a database of the previous version holds nothing unpublished.
CREATE TABLE outbox (
    id uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    topic text NOT NULL,
    record_key text NOT NULL,
    type text NOT NULL,
    payload text NOT NULL,
    traceparent text,
    created_at timestamp(6) with time zone NOT NULL
);

CREATE UNIQUE INDEX outbox_seq ON outbox (seq);
