package discordcache.model;

/**
 * The reactions of one emoji on a {@link Message}.
 *
 * @param emojiId     the custom emoji id, or null for a unicode emoji
 * @param emojiName   the emoji name (the unicode character for unicode emojis), or null
 * @param animated    whether the custom emoji is animated
 * @param count       the total number of reactions
 * @param burstCount  how many of them are super reactions
 * @param me          whether the bot reacted
 * @param meBurst     whether the bot super-reacted
 */
public record Reaction(Long emojiId, String emojiName, boolean animated, int count, int burstCount, boolean me,
                       boolean meBurst) {
}
