package discordcache.ingest;

import discordcache.client.Change;
import discordcache.client.DiscordCache;
import discordcache.ingest.Events.Action;
import discordcache.model.CacheMap;
import discordcache.model.Channel;
import discordcache.model.ChannelField;
import discordcache.model.Member;
import discordcache.model.Message;
import discordcache.model.MessageField;
import discordcache.model.MessageKey;
import discordcache.model.Patch;
import discordcache.model.Reaction;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadField;
import discordcache.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static discordcache.ingest.Writes.join;

/**
 * Messages and their reactions, and the authors and mentioned users and members a message brings along. Reactions
 * are kept as counts on the message, with whether the bot itself is among them.
 */
final class MessageEvents {
    private final DiscordCache cache;
    private final Sessions sessions;
    private final Writes writes;

    MessageEvents(DiscordCache cache, Sessions sessions, Writes writes) {
        this.cache = cache;
        this.sessions = sessions;
        this.writes = writes;
    }

    Action create(JsonCursor d) {
        EntityJson.MessageParts parts = EntityJson.message(d);
        requireCompleteMessage(d, parts.message());
        return outcome -> {
            cache.upsert(CacheMap.MESSAGES, parts.message().value());
            outcome.change(new Change<>(CacheMap.MESSAGES, parts.message().value().key(), null,
                    parts.message().value()));
            relatives(parts, outcome);
            moveLastMessage(parts, outcome);
        };
    }

    /**
     * The channel's (or thread's) last message id moves with every message: Discord sends no channel update for it.
     * A DM channel becomes known this way, as Discord sends bots no CHANNEL_CREATE for DMs.
     */
    private void moveLastMessage(EntityJson.MessageParts parts, Outcome outcome) {
        Message message = parts.message().value();
        Integer type = parts.channelType();
        if (type != null && (type == 10 || type == 11 || type == 12)) {
            moveThreadLastMessage(message, outcome);
            return;
        }
        boolean direct = message.guildId() == null;
        Channel values = Templates.channel(message.channelId(), null, type == null ? 1 : type, message.id(), null);
        Patch<Channel> patch = direct ? Patch.of(values, ChannelField.TYPE, ChannelField.LAST_MESSAGE_ID)
                : Patch.of(values, ChannelField.LAST_MESSAGE_ID);
        Change<Channel> channel = join(cache.update(CacheMap.CHANNELS, patch).insertWhenAbsent(direct)
                .applyForChangeAsync());
        if (channel.changed()) {
            outcome.change(channel);
        } else if (!direct) {
            // A message in a channel the cache does not know may be a thread's (channel_type is not always sent).
            moveThreadLastMessage(message, outcome);
        }
    }

    private void moveThreadLastMessage(Message message, Outcome outcome) {
        Change<ThreadChannel> thread = join(cache.update(CacheMap.THREADS, Patch.of(Templates.thread(
                message.channelId(), message.id(), 0), ThreadField.LAST_MESSAGE_ID)).applyForChangeAsync());
        if (thread.changed()) {
            outcome.change(thread);
        }
    }

    private static void requireCompleteMessage(JsonCursor d, Parsed<Message> message) {
        for (MessageField field : List.of(MessageField.AUTHOR_ID, MessageField.TIMESTAMP)) {
            if (!message.has(field)) {
                throw d.missing(field == MessageField.AUTHOR_ID ? "author" : "timestamp");
            }
        }
    }

    private void relatives(EntityJson.MessageParts parts, Outcome outcome) {
        List<Parsed<User>> users = new ArrayList<>(parts.mentionedUsers());
        if (parts.author() != null) {
            users.add(parts.author());
        }
        writes.upsertUsers(users, outcome);
        List<Parsed<Member>> members = new ArrayList<>(parts.mentionedMembers());
        if (parts.authorMember() != null) {
            members.add(parts.authorMember());
        }
        for (Parsed<Member> member : members) {
            join(cache.update(CacheMap.MEMBERS, member.patch()).insertWhenAbsent().applyAsync());
        }
        outcome.written(CacheMap.MEMBERS, members.size());
    }

    Action update(JsonCursor d) {
        EntityJson.MessageParts parts = EntityJson.message(d);
        Parsed<Message> message = parts.message();
        // Until 2024 an update could carry only some fields (an embed unfurl); such an update of a message the cache
        // never saw cannot make a whole message, so it is inserted only when it has the fields a message needs.
        boolean complete = message.has(MessageField.AUTHOR_ID) && message.has(MessageField.TIMESTAMP);
        return outcome -> {
            outcome.change(join(cache.update(CacheMap.MESSAGES, message.patch()).insertWhenAbsent(complete)
                    .applyForChangeAsync()));
            relatives(parts, outcome);
        };
    }

    Action delete(JsonCursor d) {
        MessageKey key = messageKey(d, "id");
        return outcome -> outcome.change(cache.deleteReturningPrevious(CacheMap.MESSAGES, key));
    }

    Action deleteBulk(JsonCursor d) {
        var event = new Object() {
            Long channelId;
            long[] ids;
        };
        d.object(name -> {
            switch (name) {
                case "channel_id" -> event.channelId = d.snowflake();
                case "ids" -> event.ids = d.snowflakes();
                default -> d.skip();
            }
        });
        long channelId = EntityJson.require(d, event.channelId, "channel_id");
        long[] ids = EntityJson.require(d, event.ids, "ids");
        return outcome -> {
            List<CompletableFuture<Change<Message>>> deletes = new ArrayList<>();
            for (long id : ids) {
                deletes.add(cache.deleteReturningPreviousAsync(CacheMap.MESSAGES, new MessageKey(channelId, id))
                        .toCompletableFuture());
            }
            deletes.forEach(delete -> outcome.change(join(delete)));
        };
    }

    private static MessageKey messageKey(JsonCursor d, String idField) {
        var event = new Object() {
            Long id;
            Long channelId;
        };
        d.object(name -> {
            if (name.equals(idField)) {
                event.id = d.snowflake();
            } else if (name.equals("channel_id")) {
                event.channelId = d.snowflake();
            } else {
                d.skip();
            }
        });
        return new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.id, idField));
    }

    Action reaction(JsonCursor d, Events.Shard shard, boolean added) {
        var event = new Object() {
            Long userId;
            Long channelId;
            Long messageId;
            long guildId;
            EntityJson.PartialEmoji emoji;
            boolean burst;
            Parsed<Member> member;
        };
        List<Parsed<User>> users = new ArrayList<>();
        d.object(name -> {
            switch (name) {
                case "user_id" -> event.userId = d.snowflake();
                case "channel_id" -> event.channelId = d.snowflake();
                case "message_id" -> event.messageId = d.snowflake();
                case "guild_id" -> event.guildId = d.snowflake();
                case "emoji" -> event.emoji = EntityJson.partialEmoji(d);
                case "burst" -> event.burst = d.boolOrFalse();
                case "member" -> event.member = d.isNull() ? null : EntityJson.member(d, users::add);
                default -> d.skip();
            }
        });
        long userId = EntityJson.require(d, event.userId, "user_id");
        MessageKey key = new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.messageId, "message_id"));
        EntityJson.PartialEmoji emoji = EntityJson.require(d, event.emoji, "emoji");
        return outcome -> {
            boolean self = sessions.isSelf(shard.id(), userId);
            outcome.change(cache.modify(CacheMap.MESSAGES, key, message -> withReactions(message,
                    count(message.reactions(), emoji, added ? 1 : -1, event.burst, self))));
            if (event.member != null && event.guildId != 0) {
                writes.upsertUsers(users, outcome);
                join(cache.update(CacheMap.MEMBERS, event.member.with(EntityJson.rekey(event.member.value(),
                        event.guildId, userId)).patch()).insertWhenAbsent().applyAsync());
            }
        };
    }

    /** The reactions with one more (or one fewer) of {@code emoji}; a reaction at zero is gone. */
    private static List<Reaction> count(List<Reaction> reactions, EntityJson.PartialEmoji emoji, int delta,
                                        boolean burst, boolean self) {
        List<Reaction> counted = new ArrayList<>();
        Reaction existing = null;
        for (Reaction reaction : reactions) {
            if (emoji.sameAs(reaction)) {
                existing = reaction;
            } else {
                counted.add(reaction);
            }
        }
        Reaction before = existing != null ? existing
                : new Reaction(emoji.id(), emoji.name(), emoji.animated(), 0, 0, false, false);
        int count = Math.max(0, before.count() + delta);
        int burstCount = burst ? Math.max(0, before.burstCount() + delta) : before.burstCount();
        // "me" says whether the bot itself reacted (normally or as a super reaction).
        boolean me = self && !burst ? delta > 0 : before.me();
        boolean meBurst = self && burst ? delta > 0 : before.meBurst();
        if (count > 0) {
            int at = existing == null ? counted.size() : reactions.indexOf(existing);
            counted.add(at, new Reaction(before.emojiId(), before.emojiName(), before.animated(), count, burstCount,
                    me, meBurst));
        }
        return counted;
    }

    Action reactionsClear(JsonCursor d) {
        var event = new Object() {
            Long channelId;
            Long messageId;
            EntityJson.PartialEmoji emoji;
        };
        d.object(name -> {
            switch (name) {
                case "channel_id" -> event.channelId = d.snowflake();
                case "message_id" -> event.messageId = d.snowflake();
                case "emoji" -> event.emoji = EntityJson.partialEmoji(d);
                default -> d.skip();
            }
        });
        MessageKey key = new MessageKey(EntityJson.require(d, event.channelId, "channel_id"),
                EntityJson.require(d, event.messageId, "message_id"));
        boolean oneEmoji = d.eventName().equals("MESSAGE_REACTION_REMOVE_EMOJI");
        if (oneEmoji) {
            EntityJson.require(d, event.emoji, "emoji");
        }
        return outcome -> outcome.change(cache.modify(CacheMap.MESSAGES, key, message -> withReactions(message,
                oneEmoji ? message.reactions().stream().filter(reaction -> !event.emoji.sameAs(reaction)).toList()
                        : List.of())));
    }

    private static Message withReactions(Message message, List<Reaction> reactions) {
        return Patch.of(Templates.message(message.channelId(), message.id(), reactions), MessageField.REACTIONS)
                .applyTo(message);
    }
}
