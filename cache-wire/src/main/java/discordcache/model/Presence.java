package discordcache.model;

import java.util.Objects;

/**
 * A user's presence in a guild; keyed by {@link PresenceKey}. Activities are kept as the raw JSON array
 * Discord sent: Discord documents that none of their fields are required or type-checked. Read back from
 * PostgreSQL (jsonb), the activities are the same JSON value in jsonb's rendering, not necessarily the same text.
 *
 * @param guildId        the guild
 * @param userId         the user
 * @param status         "online", "idle", "dnd" or "offline"
 * @param clientStatus   the status per platform
 * @param activitiesJson the activities as a JSON array
 * @param version        the writer's version of this value
 */
public record Presence(long guildId, long userId, String status, ClientStatus clientStatus, String activitiesJson,
                       long version) implements Versioned<Presence> {
    public Presence {
        Objects.requireNonNull(status, "status is null");
        clientStatus = clientStatus == null ? ClientStatus.offline() : clientStatus;
        activitiesJson = activitiesJson == null ? "[]" : activitiesJson;
    }

    /** The key this presence is cached under. */
    public PresenceKey key() {
        return new PresenceKey(guildId, userId);
    }

    /** This presence with another version stamp. */
    @Override
    public Presence withVersion(long newVersion) {
        return new Presence(guildId, userId, status, clientStatus, activitiesJson, newVersion);
    }
}
