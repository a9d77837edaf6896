-- The gateway session of every shard, so that a restarted gateway can RESUME instead of identifying again
-- (which would make Discord send every guild anew).
CREATE TABLE shard_sessions (
    shard_id        integer PRIMARY KEY,
    shard_count     integer NOT NULL,
    session_id      text    NOT NULL,
    resume_url      text,
    user_id         bigint  NOT NULL,
    last_sequence   bigint  NOT NULL,
    version         bigint  NOT NULL
);

-- Whether the cache was sent a guild's whole member list (a GUILD_CREATE listing every member, or the last
-- GUILD_MEMBERS_CHUNK of a request that left none missing).
ALTER TABLE guilds ADD COLUMN member_list_complete boolean NOT NULL DEFAULT false;
