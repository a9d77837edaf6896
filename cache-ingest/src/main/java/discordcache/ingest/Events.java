package discordcache.ingest;

import discordcache.client.DiscordCache;

import java.util.Set;

/**
 * The cache semantics of every dispatch event Discord sends, handed to the handlers of each kind of entity. Each
 * handler reads its whole payload first, so that a bad payload throws before anything is written, then applies it
 * through {@link DiscordCache}'s write API.
 */
final class Events {
    private final SessionEvents session;
    private final GuildEvents guilds;
    private final MemberEvents members;
    private final ChannelEvents channels;
    private final MessageEvents messages;

    Events(DiscordCache cache, Sessions sessions) {
        Writes writes = new Writes(cache);
        this.session = new SessionEvents(cache, sessions, writes);
        this.guilds = new GuildEvents(cache, writes);
        this.members = new MemberEvents(cache, writes);
        this.channels = new ChannelEvents(cache, writes);
        this.messages = new MessageEvents(cache, sessions, writes);
    }

    /** The events the cache does not keep, acknowledged as ignored. */
    static final Set<String> IGNORED = Set.of("TYPING_START", "VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE",
            "VOICE_CHANNEL_STATUS_UPDATE", "VOICE_CHANNEL_START_TIME_UPDATE", "INVITE_CREATE", "INVITE_DELETE",
            "GUILD_BAN_ADD", "GUILD_BAN_REMOVE", "GUILD_INTEGRATIONS_UPDATE", "INTEGRATION_CREATE",
            "INTEGRATION_UPDATE", "INTEGRATION_DELETE", "WEBHOOKS_UPDATE", "GUILD_AUDIT_LOG_ENTRY_CREATE",
            "GUILD_STICKERS_UPDATE", "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE",
            "GUILD_SCHEDULED_EVENT_DELETE", "GUILD_SCHEDULED_EVENT_USER_ADD", "GUILD_SCHEDULED_EVENT_USER_REMOVE",
            "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE",
            "AUTO_MODERATION_RULE_CREATE", "AUTO_MODERATION_RULE_UPDATE", "AUTO_MODERATION_RULE_DELETE",
            "AUTO_MODERATION_ACTION_EXECUTION", "APPLICATION_COMMAND_PERMISSIONS_UPDATE",
            "GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE", "GUILD_SOUNDBOARD_SOUND_DELETE",
            "GUILD_SOUNDBOARD_SOUNDS_UPDATE", "SOUNDBOARD_SOUNDS", "ENTITLEMENT_CREATE", "ENTITLEMENT_UPDATE",
            "ENTITLEMENT_DELETE", "SUBSCRIPTION_CREATE", "SUBSCRIPTION_UPDATE", "SUBSCRIPTION_DELETE",
            "MESSAGE_POLL_VOTE_ADD", "MESSAGE_POLL_VOTE_REMOVE", "THREAD_MEMBER_UPDATE", "PRESENCES_REPLACE",
            "SESSIONS_REPLACE", "RESUMED");

    /** Every event {@link #read} applies. */
    static final Set<String> APPLIED = Set.of("READY", "GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE",
            "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_EMOJIS_UPDATE",
            "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE", "GUILD_MEMBERS_CHUNK",
            "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "CHANNEL_PINS_UPDATE", "THREAD_CREATE",
            "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC", "THREAD_MEMBERS_UPDATE", "MESSAGE_CREATE",
            "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK", "MESSAGE_REACTION_ADD",
            "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI",
            "PRESENCE_UPDATE", "USER_UPDATE", "INTERACTION_CREATE");

    /** Reads the payload of {@code event} and returns the action that applies it. */
    Action read(String event, JsonCursor d, Shard shard) {
        return switch (event) {
            case "READY" -> session.ready(d, shard);
            case "GUILD_CREATE" -> guilds.create(d);
            case "GUILD_UPDATE" -> guilds.update(d);
            case "GUILD_DELETE" -> guilds.delete(d);
            case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" -> guilds.roleUpsert(d);
            case "GUILD_ROLE_DELETE" -> guilds.roleDelete(d);
            case "GUILD_EMOJIS_UPDATE" -> guilds.emojisUpdate(d);
            case "GUILD_MEMBER_ADD" -> members.add(d);
            case "GUILD_MEMBER_UPDATE" -> members.update(d);
            case "GUILD_MEMBER_REMOVE" -> members.remove(d);
            case "GUILD_MEMBERS_CHUNK" -> members.chunk(d);
            case "CHANNEL_CREATE", "CHANNEL_UPDATE" -> channels.upsert(d);
            case "CHANNEL_DELETE" -> channels.delete(d);
            case "CHANNEL_PINS_UPDATE" -> channels.pinsUpdate(d);
            case "THREAD_CREATE", "THREAD_UPDATE" -> channels.threadUpsert(d);
            case "THREAD_DELETE" -> channels.threadDelete(d);
            case "THREAD_LIST_SYNC" -> channels.threadListSync(d);
            case "THREAD_MEMBERS_UPDATE" -> channels.threadMembersUpdate(d);
            case "MESSAGE_CREATE" -> messages.create(d);
            case "MESSAGE_UPDATE" -> messages.update(d);
            case "MESSAGE_DELETE" -> messages.delete(d);
            case "MESSAGE_DELETE_BULK" -> messages.deleteBulk(d);
            case "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE" -> messages.reaction(d, shard, event.endsWith("ADD"));
            case "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI" -> messages.reactionsClear(d);
            case "PRESENCE_UPDATE" -> members.presenceUpdate(d);
            case "USER_UPDATE" -> members.userUpdate(d);
            case "INTERACTION_CREATE" -> members.interaction(d);
            default -> throw new IllegalArgumentException("not an applied event: " + event);
        };
    }

    /** The writes of one event, ready to run. */
    interface Action {
        void apply(Outcome outcome);
    }

    /** What {@link #read} answers for a payload the cache keeps nothing of (a presence outside any guild). */
    static final Action NOTHING_TO_KEEP = outcome -> { };

    /** The shard an event came from. */
    record Shard(int id, int count) {
        boolean owns(long guildId) {
            return (guildId >> 22) % count == id;
        }
    }
}
