-- The gateway session of every shard, so that a restarted gateway can RESUME instead of identifying again
-- (which would make Discord send every guild anew).
CREATE TABLE shard_sessions (
    shard_id        integer PRIMARY KEY,
    shard_count     integer NOT NULL,
    session_id      text    NOT NULL,
    resume_url      text,
    last_sequence   bigint  NOT NULL,
    version         bigint  NOT NULL
);
