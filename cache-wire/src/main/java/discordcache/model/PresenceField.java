package discordcache.model;

/**
 * The fields of a {@link Presence} that a {@link Patch} can update: all but its key ({@code guildId}, {@code userId})
 * and its version. The constants' order is part of the wire format of patches (their ordinals are the bits of
 * {@link Patch#fieldMask()}): add new constants only at the end.
 */
public enum PresenceField implements EntityField<Presence> {
    STATUS, CLIENT_STATUS, ACTIVITIES_JSON;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static Presence merge(Presence c, Patch<Presence> p) {
        return new Presence(c.guildId(), c.userId(), p.from(STATUS, c).status(),
                p.from(CLIENT_STATUS, c).clientStatus(), p.from(ACTIVITIES_JSON, c).activitiesJson(), c.version());
    }
}
