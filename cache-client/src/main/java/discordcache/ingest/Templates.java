package discordcache.ingest;

import discordcache.model.Emoji;
import discordcache.model.Guild;
import discordcache.model.Message;
import discordcache.model.Reaction;
import discordcache.model.Role;

import java.time.Instant;
import java.util.List;

/**
 * Values that only carry what a patch sets: their other fields are placeholders a patch never reads. They let
 * list-valued and counted fields be replaced with {@code Patch.of(template, FIELD).applyTo(current)}.
 */
final class Templates {
    private Templates() {
    }

    static Guild guild(long id, List<Role> roles, List<Emoji> emojis, int memberCount) {
        return new Guild(id, "", null, null, null, null, 0, null, 0, null, null, null, 0, 0, 0, 0, 0, 0, 0, null,
                null, List.of(), memberCount, false, null, roles, emojis, 0);
    }

    static Message message(long channelId, long id, List<Reaction> reactions) {
        return new Message(id, channelId, null, 0, "", Instant.EPOCH, null, 0, 0, false, false, false, null, null,
                null, null, null, null, null, reactions, 0);
    }
}
