-- The tables the cache persists: one per entity map.
--
-- Conventions
--   * Snowflakes are bigint (Discord ids fit in 63 bits until the year 2084).
--   * What bots read and query has a typed column; nested structures that are read whole are jsonb.
--   * Every row carries `version`: the writer stamps a newer one on every change, and every upsert is
--     guarded by `WHERE t.version < EXCLUDED.version`, so retried, replayed or reordered writes can
--     never replace a newer row with an older one.
--   * Guild roles and emojis live inside the guild row as jsonb. The cache keeps a guild, its roles and
--     its emojis as one value (one IMap entry), and every role or emoji event rewrites that value, so
--     child tables would turn each such event into a delete-and-reinsert of the whole set for no reader's
--     benefit. Member role ids are a bigint[] on the member, which is what permission checks need.

CREATE TABLE users (
    id              bigint  PRIMARY KEY,
    username        text    NOT NULL,
    discriminator   text,
    global_name     text,
    avatar          text,
    banner          text,
    accent_color    integer,
    public_flags    integer NOT NULL DEFAULT 0,
    bot             boolean NOT NULL DEFAULT false,
    system          boolean NOT NULL DEFAULT false,
    version         bigint  NOT NULL
);

CREATE TABLE guilds (
    id                            bigint  PRIMARY KEY,
    name                          text    NOT NULL,
    icon                          text,
    splash                        text,
    banner                        text,
    description                   text,
    owner_id                      bigint  NOT NULL,
    afk_channel_id                bigint,
    afk_timeout                   integer NOT NULL DEFAULT 0,
    system_channel_id             bigint,
    rules_channel_id              bigint,
    public_updates_channel_id     bigint,
    verification_level            integer NOT NULL DEFAULT 0,
    default_message_notifications integer NOT NULL DEFAULT 0,
    explicit_content_filter       integer NOT NULL DEFAULT 0,
    mfa_level                     integer NOT NULL DEFAULT 0,
    nsfw_level                    integer NOT NULL DEFAULT 0,
    premium_tier                  integer NOT NULL DEFAULT 0,
    premium_subscription_count    integer NOT NULL DEFAULT 0,
    preferred_locale              text,
    vanity_url_code               text,
    features                      text[]  NOT NULL DEFAULT '{}',
    member_count                  integer NOT NULL DEFAULT 0,
    large                         boolean NOT NULL DEFAULT false,
    joined_at                     timestamptz,
    roles                         jsonb   NOT NULL DEFAULT '[]',
    emojis                        jsonb   NOT NULL DEFAULT '[]',
    version                       bigint  NOT NULL
);

-- The primary key (guild_id, user_id) is also the "members of a guild" index.
CREATE TABLE members (
    guild_id                     bigint   NOT NULL,
    user_id                      bigint   NOT NULL,
    nick                         text,
    avatar                       text,
    banner                       text,
    roles                        bigint[] NOT NULL DEFAULT '{}',
    joined_at                    timestamptz,
    premium_since                timestamptz,
    deaf                         boolean  NOT NULL DEFAULT false,
    mute                         boolean  NOT NULL DEFAULT false,
    pending                      boolean  NOT NULL DEFAULT false,
    flags                        integer  NOT NULL DEFAULT 0,
    communication_disabled_until timestamptz,
    version                      bigint   NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE channels (
    id                    bigint  PRIMARY KEY,
    guild_id              bigint,
    type                  integer NOT NULL,
    name                  text,
    position              integer NOT NULL DEFAULT 0,
    parent_id             bigint,
    topic                 text,
    nsfw                  boolean NOT NULL DEFAULT false,
    last_message_id       bigint,
    rate_limit_per_user   integer NOT NULL DEFAULT 0,
    bitrate               integer NOT NULL DEFAULT 0,
    user_limit            integer NOT NULL DEFAULT 0,
    flags                 integer NOT NULL DEFAULT 0,
    last_pin_timestamp    timestamptz,
    permission_overwrites jsonb   NOT NULL DEFAULT '[]',
    version               bigint  NOT NULL
);
CREATE INDEX channels_by_guild ON channels (guild_id);

CREATE TABLE threads (
    id                    bigint   PRIMARY KEY,
    guild_id              bigint   NOT NULL,
    parent_id             bigint   NOT NULL,
    owner_id              bigint,
    type                  integer  NOT NULL,
    name                  text,
    last_message_id       bigint,
    message_count         integer  NOT NULL DEFAULT 0,
    member_count          integer  NOT NULL DEFAULT 0,
    rate_limit_per_user   integer  NOT NULL DEFAULT 0,
    flags                 integer  NOT NULL DEFAULT 0,
    applied_tags          bigint[] NOT NULL DEFAULT '{}',
    archived              boolean  NOT NULL DEFAULT false,
    auto_archive_duration integer  NOT NULL DEFAULT 0,
    archive_timestamp     timestamptz,
    locked                boolean  NOT NULL DEFAULT false,
    invitable             boolean,
    create_timestamp      timestamptz,
    version               bigint   NOT NULL
);
CREATE INDEX threads_by_guild ON threads (guild_id);
CREATE INDEX threads_by_parent ON threads (parent_id);

-- The primary key (channel_id, id) serves "newest N messages of a channel": snowflakes grow with time,
-- so ORDER BY id DESC LIMIT n is a backward scan of this index.
CREATE TABLE messages (
    channel_id            bigint   NOT NULL,
    id                    bigint   NOT NULL,
    guild_id              bigint,
    author_id             bigint   NOT NULL,
    content               text     NOT NULL DEFAULT '',
    timestamp             timestamptz NOT NULL,
    edited_timestamp      timestamptz,
    type                  integer  NOT NULL DEFAULT 0,
    flags                 integer  NOT NULL DEFAULT 0,
    tts                   boolean  NOT NULL DEFAULT false,
    mention_everyone      boolean  NOT NULL DEFAULT false,
    pinned                boolean  NOT NULL DEFAULT false,
    webhook_id            bigint,
    mentions              bigint[] NOT NULL DEFAULT '{}',
    mention_roles         bigint[] NOT NULL DEFAULT '{}',
    referenced_message_id bigint,
    attachments           jsonb    NOT NULL DEFAULT '[]',
    embeds                jsonb    NOT NULL DEFAULT '[]',
    components            jsonb    NOT NULL DEFAULT '[]',
    reactions             jsonb    NOT NULL DEFAULT '[]',
    version               bigint   NOT NULL,
    PRIMARY KEY (channel_id, id)
);

CREATE TABLE presences (
    guild_id      bigint NOT NULL,
    user_id       bigint NOT NULL,
    status        text   NOT NULL,
    client_status jsonb  NOT NULL DEFAULT '{}',
    activities    jsonb  NOT NULL DEFAULT '[]',
    version       bigint NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE unavailable_guilds (
    id      bigint PRIMARY KEY,
    version bigint NOT NULL
);

-- Rows that PostgreSQL refused for a reason that retrying cannot fix (a constraint or data error).
-- The rest of their batch was written; these wait here for a human, with what was refused and why.
CREATE TABLE dead_letters (
    id          bigserial   PRIMARY KEY,
    entity      text        NOT NULL,
    entity_key  text        NOT NULL,
    payload     text        NOT NULL,
    sql_state   text,
    error       text        NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_by_entity ON dead_letters (entity, failed_at);
