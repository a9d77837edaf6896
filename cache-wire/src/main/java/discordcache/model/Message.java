package discordcache.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message; keyed by {@link MessageKey}. Attachments, embeds and components are kept as the raw JSON
 * arrays Discord sent, since bots read them whole and their shape changes often. PostgreSQL stores them as
 * jsonb, so a message read back from PostgreSQL carries the same JSON values in jsonb's rendering (keys
 * reordered, one space after separators), not necessarily the same text.
 *
 * @param id                  the message's snowflake
 * @param channelId           the channel (or thread) it was sent in
 * @param guildId             the guild, or null in DMs
 * @param authorId            the author's user id (a webhook's id for webhook messages)
 * @param content             the text ("" without the message content intent)
 * @param timestamp           when it was sent
 * @param editedTimestamp     when it was last edited, or null
 * @param type                the Discord message type
 * @param flags               the message flags bitfield
 * @param tts                 whether it was a text-to-speech message
 * @param mentionEveryone     whether it mentions everyone
 * @param pinned              whether it is pinned
 * @param webhookId           the webhook that sent it, or null
 * @param mentionIds          the mentioned users
 * @param mentionRoleIds      the mentioned roles
 * @param referencedMessageId the message it replies to or forwards, or null
 * @param attachmentsJson     the attachments as a JSON array
 * @param embedsJson          the embeds as a JSON array
 * @param componentsJson      the components as a JSON array
 * @param reactions           the reactions, one per emoji
 * @param version             the writer's version of this value
 */
public record Message(long id, long channelId, Long guildId, long authorId, String content, Instant timestamp,
                      Instant editedTimestamp, int type, int flags, boolean tts, boolean mentionEveryone,
                      boolean pinned, Long webhookId, Snowflakes mentionIds, Snowflakes mentionRoleIds,
                      Long referencedMessageId, String attachmentsJson, String embedsJson, String componentsJson,
                      List<Reaction> reactions, long version) implements Versioned<Message> {
    public Message {
        content = content == null ? "" : content;
        Objects.requireNonNull(timestamp, "timestamp is null");
        mentionIds = mentionIds == null ? Snowflakes.empty() : mentionIds;
        mentionRoleIds = mentionRoleIds == null ? Snowflakes.empty() : mentionRoleIds;
        attachmentsJson = attachmentsJson == null ? "[]" : attachmentsJson;
        embedsJson = embedsJson == null ? "[]" : embedsJson;
        componentsJson = componentsJson == null ? "[]" : componentsJson;
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** The key this message is cached under. */
    public MessageKey key() {
        return new MessageKey(channelId, id);
    }

    /** This message with another version stamp. */
    @Override
    public Message withVersion(long newVersion) {
        return new Message(id, channelId, guildId, authorId, content, timestamp, editedTimestamp, type, flags, tts,
                mentionEveryone, pinned, webhookId, mentionIds, mentionRoleIds, referencedMessageId, attachmentsJson,
                embedsJson, componentsJson, reactions, newVersion);
    }
}
