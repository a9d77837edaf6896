package discordcache.model;

/**
 * The fields of a {@link Message} that a {@link Patch} can update: all but its key ({@code id}, {@code channelId}) and
 * its version. {@link #REACTIONS} replaces the whole reaction list. The constants' order is part of the wire format of
 * patches (their ordinals are the bits of {@link Patch#fieldMask()}): add new constants only at the end.
 */
public enum MessageField implements EntityField<Message> {
    GUILD_ID, AUTHOR_ID, CONTENT, TIMESTAMP, EDITED_TIMESTAMP, TYPE, FLAGS, TTS, MENTION_EVERYONE, PINNED, WEBHOOK_ID,
    MENTION_IDS, MENTION_ROLE_IDS, REFERENCED_MESSAGE_ID, ATTACHMENTS_JSON, EMBEDS_JSON, COMPONENTS_JSON, REACTIONS;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static Message merge(Message c, Patch<Message> p) {
        return new Message(c.id(), c.channelId(), p.from(GUILD_ID, c).guildId(), p.from(AUTHOR_ID, c).authorId(),
                p.from(CONTENT, c).content(), p.from(TIMESTAMP, c).timestamp(),
                p.from(EDITED_TIMESTAMP, c).editedTimestamp(), p.from(TYPE, c).type(), p.from(FLAGS, c).flags(),
                p.from(TTS, c).tts(), p.from(MENTION_EVERYONE, c).mentionEveryone(), p.from(PINNED, c).pinned(),
                p.from(WEBHOOK_ID, c).webhookId(), p.from(MENTION_IDS, c).mentionIds(),
                p.from(MENTION_ROLE_IDS, c).mentionRoleIds(), p.from(REFERENCED_MESSAGE_ID, c).referencedMessageId(),
                p.from(ATTACHMENTS_JSON, c).attachmentsJson(), p.from(EMBEDS_JSON, c).embedsJson(),
                p.from(COMPONENTS_JSON, c).componentsJson(), p.from(REACTIONS, c).reactions(), c.version());
    }
}
