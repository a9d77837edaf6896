package discordcache.ingest;

import discordcache.model.Channel;
import discordcache.model.ChannelField;
import discordcache.model.ClientStatus;
import discordcache.model.Emoji;
import discordcache.model.Guild;
import discordcache.model.GuildField;
import discordcache.model.Member;
import discordcache.model.MemberField;
import discordcache.model.Message;
import discordcache.model.MessageField;
import discordcache.model.PermissionOverwrite;
import discordcache.model.Presence;
import discordcache.model.PresenceField;
import discordcache.model.Reaction;
import discordcache.model.Role;
import discordcache.model.Snowflakes;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadField;
import discordcache.model.ThreadMetadata;
import discordcache.model.User;
import discordcache.model.UserField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads Discord's JSON objects into the model, field by field from a {@link JsonCursor}, ignoring unknown keys.
 * Ids of the enclosing object that a nested object omits (a member's guild, a channel's guild inside GUILD_CREATE)
 * are 0 here; the event handlers put them in. The field names and shapes follow Discord's documentation.
 */
final class EntityJson {
    private EntityJson() {
    }

    static Parsed<User> user(JsonCursor in) {
        return user(in, name -> in.skip());
    }

    /** A user; fields a user does not have go to {@code other} (a mention's {@code member}). */
    static Parsed<User> user(JsonCursor in, JsonCursor.FieldReader other) {
        var d = new Object() {
            Long id;
            String username = "";
            String discriminator;
            String globalName;
            String avatar;
            String banner;
            Integer accentColor;
            int publicFlags;
            boolean bot;
            boolean system;
        };
        EnumSet<UserField> present = EnumSet.noneOf(UserField.class);
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "username" -> d.username = mark(present, UserField.USERNAME, in.requiredString());
                case "discriminator" -> d.discriminator = mark(present, UserField.DISCRIMINATOR, in.string());
                case "global_name" -> d.globalName = mark(present, UserField.GLOBAL_NAME, in.string());
                case "avatar" -> d.avatar = mark(present, UserField.AVATAR, in.string());
                case "banner" -> d.banner = mark(present, UserField.BANNER, in.string());
                case "accent_color" -> d.accentColor = mark(present, UserField.ACCENT_COLOR, in.nullableInt32());
                case "public_flags" -> d.publicFlags = mark(present, UserField.PUBLIC_FLAGS, in.int32OrZero());
                case "bot" -> d.bot = mark(present, UserField.BOT, in.boolOrFalse());
                case "system" -> d.system = mark(present, UserField.SYSTEM, in.boolOrFalse());
                default -> other.field(name);
            }
        });
        return new Parsed<>(new User(require(in, d.id, "id"), d.username, d.discriminator, d.globalName, d.avatar,
                d.banner, d.accentColor, d.publicFlags, d.bot, d.system, 0), present);
    }

    /**
     * A guild member. Its user (when the object has one) goes to {@code users}; the member's user id is that
     * user's id, else {@code user_id}, else 0 (MESSAGE_CREATE's member has neither: the author is the user).
     */
    static Parsed<Member> member(JsonCursor in, Consumer<Parsed<User>> users) {
        var d = new Object() {
            long guildId;
            long userId;
            String nick;
            String avatar;
            String banner;
            Snowflakes roles = Snowflakes.empty();
            Instant joinedAt;
            Instant premiumSince;
            boolean deaf;
            boolean mute;
            boolean pending;
            int flags;
            Instant communicationDisabledUntil;
        };
        EnumSet<MemberField> present = EnumSet.noneOf(MemberField.class);
        in.object(name -> {
            switch (name) {
                case "guild_id" -> d.guildId = in.snowflake();
                case "user_id" -> d.userId = in.snowflake();
                case "user" -> {
                    Parsed<User> user = user(in);
                    d.userId = user.value().id();
                    users.accept(user);
                }
                case "nick" -> d.nick = mark(present, MemberField.NICK, in.string());
                case "avatar" -> d.avatar = mark(present, MemberField.AVATAR, in.string());
                case "banner" -> d.banner = mark(present, MemberField.BANNER, in.string());
                case "roles" -> d.roles = mark(present, MemberField.ROLES, Snowflakes.of(in.snowflakes()));
                case "joined_at" -> d.joinedAt = mark(present, MemberField.JOINED_AT, in.timestamp());
                case "premium_since" -> d.premiumSince = mark(present, MemberField.PREMIUM_SINCE, in.timestamp());
                case "deaf" -> d.deaf = mark(present, MemberField.DEAF, in.boolOrFalse());
                case "mute" -> d.mute = mark(present, MemberField.MUTE, in.boolOrFalse());
                case "pending" -> d.pending = mark(present, MemberField.PENDING, in.boolOrFalse());
                case "flags" -> d.flags = mark(present, MemberField.FLAGS, in.int32OrZero());
                case "communication_disabled_until" -> d.communicationDisabledUntil =
                        mark(present, MemberField.COMMUNICATION_DISABLED_UNTIL, in.timestamp());
                default -> in.skip();
            }
        });
        return new Parsed<>(new Member(d.guildId, d.userId, d.nick, d.avatar, d.banner, d.roles, d.joinedAt,
                d.premiumSince, d.deaf, d.mute, d.pending, d.flags, d.communicationDisabledUntil, 0), present);
    }

    /** What a guild object carries besides the guild itself (GUILD_CREATE's members, channels, …). */
    interface GuildChildren {
        /** Reads or skips the array in field {@code name}, on which the cursor stands. */
        void read(String name, JsonCursor in);
    }

    /** A guild, with roles and emojis; {@code unavailable} guilds have only their id. */
    static Parsed<Guild> guild(JsonCursor in, GuildChildren children, boolean[] unavailable) {
        var d = new Object() {
            Long id;
            String name = "";
            String icon;
            String splash;
            String banner;
            String description;
            long ownerId;
            Long afkChannelId;
            int afkTimeout;
            Long systemChannelId;
            Long rulesChannelId;
            Long publicUpdatesChannelId;
            int verificationLevel;
            int defaultMessageNotifications;
            int explicitContentFilter;
            int mfaLevel;
            int nsfwLevel;
            int premiumTier;
            int premiumSubscriptionCount;
            String preferredLocale;
            String vanityUrlCode;
            List<String> features = List.of();
            int memberCount;
            boolean large;
            Instant joinedAt;
            List<Role> roles = List.of();
            List<Emoji> emojis = List.of();
        };
        EnumSet<GuildField> present = EnumSet.noneOf(GuildField.class);
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "unavailable" -> unavailable[0] = in.boolOrFalse();
                case "name" -> d.name = mark(present, GuildField.NAME, in.requiredString());
                case "icon" -> d.icon = mark(present, GuildField.ICON, in.string());
                case "splash" -> d.splash = mark(present, GuildField.SPLASH, in.string());
                case "banner" -> d.banner = mark(present, GuildField.BANNER, in.string());
                case "description" -> d.description = mark(present, GuildField.DESCRIPTION, in.string());
                case "owner_id" -> d.ownerId = mark(present, GuildField.OWNER_ID, in.snowflake());
                case "afk_channel_id" -> d.afkChannelId =
                        mark(present, GuildField.AFK_CHANNEL_ID, in.nullableSnowflake());
                case "afk_timeout" -> d.afkTimeout = mark(present, GuildField.AFK_TIMEOUT, in.int32OrZero());
                case "system_channel_id" -> d.systemChannelId =
                        mark(present, GuildField.SYSTEM_CHANNEL_ID, in.nullableSnowflake());
                case "rules_channel_id" -> d.rulesChannelId =
                        mark(present, GuildField.RULES_CHANNEL_ID, in.nullableSnowflake());
                case "public_updates_channel_id" -> d.publicUpdatesChannelId =
                        mark(present, GuildField.PUBLIC_UPDATES_CHANNEL_ID, in.nullableSnowflake());
                case "verification_level" -> d.verificationLevel =
                        mark(present, GuildField.VERIFICATION_LEVEL, in.int32OrZero());
                case "default_message_notifications" -> d.defaultMessageNotifications =
                        mark(present, GuildField.DEFAULT_MESSAGE_NOTIFICATIONS, in.int32OrZero());
                case "explicit_content_filter" -> d.explicitContentFilter =
                        mark(present, GuildField.EXPLICIT_CONTENT_FILTER, in.int32OrZero());
                case "mfa_level" -> d.mfaLevel = mark(present, GuildField.MFA_LEVEL, in.int32OrZero());
                case "nsfw_level" -> d.nsfwLevel = mark(present, GuildField.NSFW_LEVEL, in.int32OrZero());
                case "premium_tier" -> d.premiumTier = mark(present, GuildField.PREMIUM_TIER, in.int32OrZero());
                case "premium_subscription_count" -> d.premiumSubscriptionCount =
                        mark(present, GuildField.PREMIUM_SUBSCRIPTION_COUNT, in.int32OrZero());
                case "preferred_locale" -> d.preferredLocale =
                        mark(present, GuildField.PREFERRED_LOCALE, in.string());
                case "vanity_url_code" -> d.vanityUrlCode = mark(present, GuildField.VANITY_URL_CODE, in.string());
                case "features" -> d.features = mark(present, GuildField.FEATURES, strings(in));
                case "member_count" -> d.memberCount = mark(present, GuildField.MEMBER_COUNT, in.int32OrZero());
                case "large" -> d.large = mark(present, GuildField.LARGE, in.boolOrFalse());
                case "joined_at" -> d.joinedAt = mark(present, GuildField.JOINED_AT, in.timestamp());
                case "roles" -> d.roles = mark(present, GuildField.ROLES, list(in, EntityJson::role));
                case "emojis" -> d.emojis = mark(present, GuildField.EMOJIS, list(in, EntityJson::emoji));
                default -> children.read(name, in);
            }
        });
        return new Parsed<>(new Guild(require(in, d.id, "id"), d.name, d.icon, d.splash, d.banner, d.description,
                d.ownerId, d.afkChannelId, d.afkTimeout, d.systemChannelId, d.rulesChannelId,
                d.publicUpdatesChannelId, d.verificationLevel, d.defaultMessageNotifications,
                d.explicitContentFilter, d.mfaLevel, d.nsfwLevel, d.premiumTier, d.premiumSubscriptionCount,
                d.preferredLocale, d.vanityUrlCode, d.features, d.memberCount, d.large, d.joinedAt, d.roles,
                d.emojis, false, 0), present);
    }

    static Role role(JsonCursor in) {
        var d = new Object() {
            Long id;
            String name;
            int color;
            boolean hoist;
            String icon;
            String unicodeEmoji;
            int position;
            long permissions;
            Long permissionsNew;
            boolean managed;
            boolean mentionable;
            int flags;
        };
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "name" -> d.name = in.requiredString();
                case "color" -> d.color = in.int32OrZero();
                case "hoist" -> d.hoist = in.boolOrFalse();
                case "icon" -> d.icon = in.string();
                case "unicode_emoji" -> d.unicodeEmoji = in.string();
                case "position" -> d.position = in.int32OrZero();
                case "permissions" -> d.permissions = in.bitfield();
                // API v6 sent permissions as a 32-bit int beside the full bitfield as a string.
                case "permissions_new" -> d.permissionsNew = in.bitfield();
                case "managed" -> d.managed = in.boolOrFalse();
                case "mentionable" -> d.mentionable = in.boolOrFalse();
                case "flags" -> d.flags = in.int32OrZero();
                default -> in.skip();
            }
        });
        return new Role(require(in, d.id, "id"), require(in, d.name, "name"), d.color, d.hoist, d.icon,
                d.unicodeEmoji, d.position, d.permissionsNew != null ? d.permissionsNew : d.permissions, d.managed,
                d.mentionable, d.flags);
    }

    static Emoji emoji(JsonCursor in) {
        var d = new Object() {
            Long id;
            String name;
            Snowflakes roles = Snowflakes.empty();
            boolean requireColons;
            boolean managed;
            boolean animated;
            boolean available = true;
        };
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.nullableSnowflake();
                case "name" -> d.name = in.string();
                case "roles" -> d.roles = Snowflakes.of(in.snowflakes());
                case "require_colons" -> d.requireColons = in.boolOrFalse();
                case "managed" -> d.managed = in.boolOrFalse();
                case "animated" -> d.animated = in.boolOrFalse();
                case "available" -> d.available = in.boolOrFalse();
                default -> in.skip();
            }
        });
        return new Emoji(require(in, d.id, "id"), d.name, d.roles, d.requireColons, d.managed, d.animated,
                d.available);
    }

    static Parsed<Channel> channel(JsonCursor in) {
        var d = new Object() {
            Long id;
            Long guildId;
            int type;
            String name;
            int position;
            Long parentId;
            String topic;
            boolean nsfw;
            Long lastMessageId;
            int rateLimitPerUser;
            int bitrate;
            int userLimit;
            int flags;
            Instant lastPinTimestamp;
            List<PermissionOverwrite> overwrites = List.of();
        };
        EnumSet<ChannelField> present = EnumSet.noneOf(ChannelField.class);
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "guild_id" -> d.guildId = mark(present, ChannelField.GUILD_ID, in.nullableSnowflake());
                case "type" -> d.type = mark(present, ChannelField.TYPE, in.int32());
                case "name" -> d.name = mark(present, ChannelField.NAME, in.string());
                case "position" -> d.position = mark(present, ChannelField.POSITION, in.int32OrZero());
                case "parent_id" -> d.parentId = mark(present, ChannelField.PARENT_ID, in.nullableSnowflake());
                case "topic" -> d.topic = mark(present, ChannelField.TOPIC, in.string());
                case "nsfw" -> d.nsfw = mark(present, ChannelField.NSFW, in.boolOrFalse());
                case "last_message_id" -> d.lastMessageId =
                        mark(present, ChannelField.LAST_MESSAGE_ID, in.nullableSnowflake());
                case "rate_limit_per_user" -> d.rateLimitPerUser =
                        mark(present, ChannelField.RATE_LIMIT_PER_USER, in.int32OrZero());
                case "bitrate" -> d.bitrate = mark(present, ChannelField.BITRATE, in.int32OrZero());
                case "user_limit" -> d.userLimit = mark(present, ChannelField.USER_LIMIT, in.int32OrZero());
                case "flags" -> d.flags = mark(present, ChannelField.FLAGS, in.int32OrZero());
                case "last_pin_timestamp" -> d.lastPinTimestamp =
                        mark(present, ChannelField.LAST_PIN_TIMESTAMP, in.timestamp());
                case "permission_overwrites" -> d.overwrites =
                        mark(present, ChannelField.PERMISSION_OVERWRITES, list(in, EntityJson::overwrite));
                default -> in.skip();
            }
        });
        return new Parsed<>(new Channel(require(in, d.id, "id"), d.guildId, d.type, d.name, d.position, d.parentId,
                d.topic, d.nsfw, d.lastMessageId, d.rateLimitPerUser, d.bitrate, d.userLimit, d.flags,
                d.lastPinTimestamp, d.overwrites, 0), present);
    }

    static PermissionOverwrite overwrite(JsonCursor in) {
        var d = new Object() {
            Long id;
            Integer type;
            long allow;
            long deny;
            Long allowNew;
            Long denyNew;
        };
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "type" -> d.type = overwriteType(in);
                case "allow" -> d.allow = in.bitfield();
                case "deny" -> d.deny = in.bitfield();
                case "allow_new" -> d.allowNew = in.bitfield();
                case "deny_new" -> d.denyNew = in.bitfield();
                default -> in.skip();
            }
        });
        return new PermissionOverwrite(require(in, d.id, "id"), require(in, d.type, "type"),
                d.allowNew != null ? d.allowNew : d.allow, d.denyNew != null ? d.denyNew : d.deny);
    }

    // 0 or 1 since API v8; "role" or "member" before.
    private static int overwriteType(JsonCursor in) {
        if (in.isNull()) {
            throw in.error(IngestException.Kind.BAD_VALUE, "must not be null");
        }
        try {
            return in.int32();
        } catch (IngestException notAnInt) {
            String type = in.requiredString();
            return switch (type) {
                case "role" -> PermissionOverwrite.ROLE;
                case "member" -> PermissionOverwrite.MEMBER;
                default -> throw in.error(IngestException.Kind.BAD_VALUE, "unknown overwrite type \"" + type + "\"");
            };
        }
    }

    static Parsed<ThreadChannel> thread(JsonCursor in) {
        var d = new Object() {
            Long id;
            long guildId;
            long parentId;
            Long ownerId;
            int type = 11;
            String name;
            Long lastMessageId;
            int messageCount;
            int memberCount;
            int rateLimitPerUser;
            int flags;
            Snowflakes appliedTags = Snowflakes.empty();
            ThreadMetadata metadata = new ThreadMetadata(false, 0, null, false, null, null);
        };
        EnumSet<ThreadField> present = EnumSet.noneOf(ThreadField.class);
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "guild_id" -> d.guildId = mark(present, ThreadField.GUILD_ID, in.snowflake());
                case "parent_id" -> d.parentId = mark(present, ThreadField.PARENT_ID, in.snowflake());
                case "owner_id" -> d.ownerId = mark(present, ThreadField.OWNER_ID, in.nullableSnowflake());
                case "type" -> d.type = mark(present, ThreadField.TYPE, in.int32());
                case "name" -> d.name = mark(present, ThreadField.NAME, in.string());
                case "last_message_id" -> d.lastMessageId =
                        mark(present, ThreadField.LAST_MESSAGE_ID, in.nullableSnowflake());
                case "message_count" -> d.messageCount = mark(present, ThreadField.MESSAGE_COUNT, in.int32OrZero());
                case "member_count" -> d.memberCount = mark(present, ThreadField.MEMBER_COUNT, in.int32OrZero());
                case "rate_limit_per_user" -> d.rateLimitPerUser =
                        mark(present, ThreadField.RATE_LIMIT_PER_USER, in.int32OrZero());
                case "flags" -> d.flags = mark(present, ThreadField.FLAGS, in.int32OrZero());
                case "applied_tags" -> d.appliedTags =
                        mark(present, ThreadField.APPLIED_TAGS, Snowflakes.of(in.snowflakes()));
                case "thread_metadata" -> d.metadata = mark(present, ThreadField.METADATA, metadata(in));
                default -> in.skip();
            }
        });
        return new Parsed<>(new ThreadChannel(require(in, d.id, "id"), d.guildId, d.parentId, d.ownerId, d.type,
                d.name, d.lastMessageId, d.messageCount, d.memberCount, d.rateLimitPerUser, d.flags, d.appliedTags,
                d.metadata, 0), present);
    }

    private static ThreadMetadata metadata(JsonCursor in) {
        var d = new Object() {
            boolean archived;
            int autoArchiveDuration;
            Instant archiveTimestamp;
            boolean locked;
            Boolean invitable;
            Instant createTimestamp;
        };
        in.object(name -> {
            switch (name) {
                case "archived" -> d.archived = in.boolOrFalse();
                case "auto_archive_duration" -> d.autoArchiveDuration = in.int32OrZero();
                case "archive_timestamp" -> d.archiveTimestamp = in.timestamp();
                case "locked" -> d.locked = in.boolOrFalse();
                case "invitable" -> d.invitable = in.nullableBool();
                case "create_timestamp" -> d.createTimestamp = in.timestamp();
                default -> in.skip();
            }
        });
        return new ThreadMetadata(d.archived, d.autoArchiveDuration, d.archiveTimestamp, d.locked, d.invitable,
                d.createTimestamp);
    }

    /** What a message carries besides itself: its author, the author's member, mentioned users and members. */
    record MessageParts(Parsed<Message> message, Parsed<User> author, Parsed<Member> authorMember,
                        List<Parsed<User>> mentionedUsers, List<Parsed<Member>> mentionedMembers,
                        Integer channelType) {
    }

    static MessageParts message(JsonCursor in) {
        var d = new Object() {
            Long id;
            Long channelId;
            Integer channelType;
            Long guildId;
            long authorId;
            String content = "";
            Instant timestamp = Instant.EPOCH;
            Instant editedTimestamp;
            int type;
            int flags;
            boolean tts;
            boolean mentionEveryone;
            boolean pinned;
            Long webhookId;
            Snowflakes mentionIds = Snowflakes.empty();
            Snowflakes mentionRoleIds = Snowflakes.empty();
            Long referencedMessageId;
            Long referenceId;
            boolean referencedMessageSent;
            String attachments;
            String embeds;
            String components;
            List<Reaction> reactions = List.of();
            Parsed<User> author;
            Parsed<Member> member;
            final List<Parsed<User>> mentionedUsers = new ArrayList<>();
            final List<Parsed<Member>> mentionedMembers = new ArrayList<>();
        };
        EnumSet<MessageField> present = EnumSet.noneOf(MessageField.class);
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.snowflake();
                case "channel_id" -> d.channelId = in.snowflake();
                case "channel_type" -> d.channelType = in.nullableInt32();
                case "guild_id" -> d.guildId = mark(present, MessageField.GUILD_ID, in.nullableSnowflake());
                case "author" -> {
                    d.author = user(in);
                    d.authorId = mark(present, MessageField.AUTHOR_ID, d.author.value().id());
                }
                case "member" -> d.member = in.isNull() ? null : member(in, user -> { });
                case "content" -> d.content = mark(present, MessageField.CONTENT, in.string());
                case "timestamp" -> d.timestamp = mark(present, MessageField.TIMESTAMP,
                        require(in, in.timestamp(), "timestamp"));
                case "edited_timestamp" -> d.editedTimestamp =
                        mark(present, MessageField.EDITED_TIMESTAMP, in.timestamp());
                case "type" -> d.type = mark(present, MessageField.TYPE, in.int32());
                case "flags" -> d.flags = mark(present, MessageField.FLAGS, in.int32OrZero());
                case "tts" -> d.tts = mark(present, MessageField.TTS, in.boolOrFalse());
                case "mention_everyone" -> d.mentionEveryone =
                        mark(present, MessageField.MENTION_EVERYONE, in.boolOrFalse());
                case "pinned" -> d.pinned = mark(present, MessageField.PINNED, in.boolOrFalse());
                case "webhook_id" -> d.webhookId = mark(present, MessageField.WEBHOOK_ID, in.nullableSnowflake());
                case "mentions" -> {
                    JsonCursor.LongList ids = new JsonCursor.LongList();
                    in.array(index -> {
                        // A mention is a user with, in guilds, a partial member (without a user) inside it.
                        Parsed<Member>[] member = memberSlot();
                        Parsed<User> user = user(in, field -> {
                            if (field.equals("member") && !in.isNull()) {
                                member[0] = member(in, nested -> { });
                            } else {
                                in.skip();
                            }
                        });
                        ids.add(user.value().id());
                        d.mentionedUsers.add(user);
                        if (member[0] != null) {
                            d.mentionedMembers.add(member[0].with(rekey(member[0].value(), 0, user.value().id())));
                        }
                    });
                    d.mentionIds = mark(present, MessageField.MENTION_IDS, Snowflakes.of(ids.toArray()));
                }
                case "mention_roles" -> d.mentionRoleIds =
                        mark(present, MessageField.MENTION_ROLE_IDS, Snowflakes.of(in.snowflakes()));
                case "referenced_message" -> {
                    d.referencedMessageSent = true;
                    d.referencedMessageId = in.isNull() ? null : idOf(in);
                }
                case "message_reference" -> d.referenceId = in.isNull() ? null : referenceId(in);
                case "attachments" -> d.attachments = mark(present, MessageField.ATTACHMENTS_JSON, rawArray(in));
                case "embeds" -> d.embeds = mark(present, MessageField.EMBEDS_JSON, rawArray(in));
                case "components" -> d.components = mark(present, MessageField.COMPONENTS_JSON, rawArray(in));
                case "reactions" -> d.reactions = mark(present, MessageField.REACTIONS, list(in, EntityJson::reaction));
                default -> in.skip();
            }
        });
        if (d.referencedMessageSent || d.referenceId != null) {
            present.add(MessageField.REFERENCED_MESSAGE_ID);
        }
        long id = require(in, d.id, "id");
        long channelId = require(in, d.channelId, "channel_id");
        Message message = new Message(id, channelId, d.guildId, d.authorId, d.content, d.timestamp,
                d.editedTimestamp, d.type, d.flags, d.tts, d.mentionEveryone, d.pinned, d.webhookId, d.mentionIds,
                d.mentionRoleIds, d.referencedMessageSent ? d.referencedMessageId : d.referenceId, d.attachments,
                d.embeds, d.components, d.reactions, 0);
        long guildId = d.guildId == null ? 0 : d.guildId;
        // A webhook's author is not a user of Discord's: it is not cached as one.
        Parsed<User> author = d.webhookId == null ? d.author : null;
        Parsed<Member> authorMember = d.member == null || d.author == null || guildId == 0 ? null
                : d.member.with(rekey(d.member.value(), guildId, d.authorId));
        List<Parsed<Member>> mentionedMembers = guildId == 0 ? List.of() : d.mentionedMembers.stream()
                .map(member -> member.with(rekey(member.value(), guildId, member.value().userId()))).toList();
        return new MessageParts(new Parsed<>(message, present), author, authorMember, d.mentionedUsers,
                mentionedMembers, d.channelType);
    }

    @SuppressWarnings("unchecked")
    private static Parsed<Member>[] memberSlot() {
        return new Parsed[1];
    }

    private static long idOf(JsonCursor in) {
        Long[] id = new Long[1];
        in.object(name -> {
            if (name.equals("id")) {
                id[0] = in.snowflake();
            } else {
                in.skip();
            }
        });
        return require(in, id[0], "id");
    }

    private static Long referenceId(JsonCursor in) {
        Long[] id = new Long[1];
        in.object(name -> {
            if (name.equals("message_id")) {
                id[0] = in.nullableSnowflake();
            } else {
                in.skip();
            }
        });
        return id[0];
    }

    static Reaction reaction(JsonCursor in) {
        var d = new Object() {
            Long emojiId;
            String emojiName;
            boolean animated;
            int count;
            int burstCount;
            boolean me;
            boolean meBurst;
        };
        in.object(name -> {
            switch (name) {
                case "count" -> d.count = in.int32OrZero();
                case "count_details" -> in.object(detail -> {
                    if (detail.equals("burst")) {
                        d.burstCount = in.int32OrZero();
                    } else {
                        in.skip();
                    }
                });
                case "me" -> d.me = in.boolOrFalse();
                case "me_burst" -> d.meBurst = in.boolOrFalse();
                case "emoji" -> {
                    PartialEmoji emoji = partialEmoji(in);
                    d.emojiId = emoji.id();
                    d.emojiName = emoji.name();
                    d.animated = emoji.animated();
                }
                default -> in.skip();
            }
        });
        return new Reaction(d.emojiId, d.emojiName, d.animated, d.count, d.burstCount, d.me, d.meBurst);
    }

    /** A reaction's emoji: a custom one by id, a Unicode one by name. */
    record PartialEmoji(Long id, String name, boolean animated) {
        boolean sameAs(Reaction reaction) {
            return id != null ? id.equals(reaction.emojiId())
                    : reaction.emojiId() == null && Objects.equals(name, reaction.emojiName());
        }
    }

    static PartialEmoji partialEmoji(JsonCursor in) {
        var d = new Object() {
            Long id;
            String name;
            boolean animated;
        };
        in.object(name -> {
            switch (name) {
                case "id" -> d.id = in.nullableSnowflake();
                case "name" -> d.name = in.string();
                case "animated" -> d.animated = in.boolOrFalse();
                default -> in.skip();
            }
        });
        if (d.id == null && d.name == null) {
            throw in.error(IngestException.Kind.BAD_VALUE, "an emoji needs an id or a name");
        }
        return new PartialEmoji(d.id, d.name, d.animated);
    }

    /** A presence; its (partial) user goes to {@code users}. The guild id is 0 unless the object has one. */
    static Parsed<Presence> presence(JsonCursor in, Consumer<Parsed<User>> users) {
        var d = new Object() {
            long guildId;
            Long userId;
            String status = "offline";
            ClientStatus clientStatus = ClientStatus.offline();
            String activities = "[]";
        };
        EnumSet<PresenceField> present = EnumSet.noneOf(PresenceField.class);
        in.object(name -> {
            switch (name) {
                case "guild_id" -> d.guildId = in.snowflake();
                case "user" -> {
                    Parsed<User> user = user(in);
                    d.userId = user.value().id();
                    users.accept(user);
                }
                case "status" -> d.status = mark(present, PresenceField.STATUS, in.requiredString());
                case "client_status" -> d.clientStatus = mark(present, PresenceField.CLIENT_STATUS, clientStatus(in));
                case "activities" -> d.activities = mark(present, PresenceField.ACTIVITIES_JSON, rawArray(in));
                default -> in.skip();
            }
        });
        return new Parsed<>(new Presence(d.guildId, require(in, d.userId, "user.id"), d.status, d.clientStatus,
                d.activities, 0), present);
    }

    private static ClientStatus clientStatus(JsonCursor in) {
        if (in.isNull()) {
            return ClientStatus.offline();
        }
        String[] status = new String[3];
        in.object(name -> {
            switch (name) {
                case "desktop" -> status[0] = in.string();
                case "mobile" -> status[1] = in.string();
                case "web" -> status[2] = in.string();
                default -> in.skip();
            }
        });
        return new ClientStatus(status[0], status[1], status[2]);
    }

    /** The member in another guild and of another user (nested members omit both). */
    static Member rekey(Member m, long guildId, long userId) {
        return new Member(guildId, userId, m.nick(), m.avatar(), m.banner(), m.roles(), m.joinedAt(),
                m.premiumSince(), m.deaf(), m.mute(), m.pending(), m.flags(), m.communicationDisabledUntil(),
                m.version());
    }

    static Channel inGuild(Channel c, long guildId) {
        return c.guildId() != null ? c : new Channel(c.id(), guildId, c.type(), c.name(), c.position(),
                c.parentId(), c.topic(), c.nsfw(), c.lastMessageId(), c.rateLimitPerUser(), c.bitrate(),
                c.userLimit(), c.flags(), c.lastPinTimestamp(), c.permissionOverwrites(), c.version());
    }

    static ThreadChannel inGuild(ThreadChannel t, long guildId) {
        return t.guildId() != 0 ? t : new ThreadChannel(t.id(), guildId, t.parentId(), t.ownerId(), t.type(),
                t.name(), t.lastMessageId(), t.messageCount(), t.memberCount(), t.rateLimitPerUser(), t.flags(),
                t.appliedTags(), t.metadata(), t.version());
    }

    static Presence inGuild(Presence p, long guildId) {
        return new Presence(guildId, p.userId(), p.status(), p.clientStatus(), p.activitiesJson(), p.version());
    }

    static <E extends Enum<E>, T> T mark(EnumSet<E> present, E field, T value) {
        present.add(field);
        return value;
    }

    static <T> T require(JsonCursor in, T value, String field) {
        if (value == null) {
            throw in.missing(field);
        }
        return value;
    }

    static <T> List<T> list(JsonCursor in, Function<JsonCursor, T> element) {
        List<T> values = new ArrayList<>();
        in.array(index -> values.add(element.apply(in)));
        return values;
    }

    private static List<String> strings(JsonCursor in) {
        return list(in, JsonCursor::requiredString);
    }

    private static String rawArray(JsonCursor in) {
        return in.isNull() ? "[]" : in.rawJson();
    }
}
