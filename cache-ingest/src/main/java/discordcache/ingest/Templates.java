package discordcache.ingest;

import discordcache.model.Channel;
import discordcache.model.Emoji;
import discordcache.model.Guild;
import discordcache.model.Message;
import discordcache.model.Reaction;
import discordcache.model.Role;
import discordcache.model.ThreadChannel;
import discordcache.model.ThreadMetadata;

import java.time.Instant;
import java.util.List;

/**
 * Values that only carry what a patch sets: their other fields are placeholders a patch never reads. They let
 * list-valued and counted fields be replaced with {@code Patch.of(template, FIELD).applyTo(current)}.
 */
final class Templates {
    private Templates() {
    }

    static Guild guild(long id, List<Role> roles, List<Emoji> emojis, int memberCount, boolean memberListComplete) {
        return new Guild(id, "", null, null, null, null, 0, null, 0, null, null, null, 0, 0, 0, 0, 0, 0, 0, null,
                null, List.of(), memberCount, false, null, roles, emojis, memberListComplete, 0);
    }

    static Channel channel(long id, Long guildId, int type, Long lastMessageId, Instant lastPinTimestamp) {
        return new Channel(id, guildId, type, null, 0, null, null, false, lastMessageId, 0, 0, 0, 0, lastPinTimestamp,
                null, 0);
    }

    static ThreadChannel thread(long id, Long lastMessageId, int memberCount) {
        return new ThreadChannel(id, 0, 0, null, 11, null, lastMessageId, 0, memberCount, 0, 0, null,
                new ThreadMetadata(false, 0, null, false, null, null), 0);
    }

    static Message message(long channelId, long id, List<Reaction> reactions) {
        return new Message(id, channelId, null, 0, "", Instant.EPOCH, null, 0, 0, false, false, false, null, null,
                null, null, null, null, null, reactions, 0);
    }
}
