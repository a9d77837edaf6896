package discordcache.node.store;

import discordcache.wire.onnode.PersistedIds;

import java.util.Map;

/** The ids of a guild's or a channel's rows, read from PostgreSQL with the retry of every other read. */
final class DatabaseIds implements PersistedIds {
    private final Persistence persistence;

    DatabaseIds(Persistence persistence) {
        this.persistence = persistence;
    }

    @Override
    public long[] memberIdsWithRole(long guildId, long roleId) {
        return ids("read the members of guild " + guildId + " with role " + roleId, MembersTable.IDS_WITH_ROLE_SQL,
                Map.of("guildId", guildId, "roleId", roleId));
    }

    @Override
    public long[] messageIdsBefore(long channelId, long beforeId, int limit) {
        return ids("read message ids of channel " + channelId, MessagesTable.NEWEST_IDS_BEFORE_SQL,
                Map.of("channelId", channelId, "before", beforeId, "limit", limit));
    }

    private long[] ids(String what, String sql, Map<String, ?> parameters) {
        return persistence.read(what, handle -> handle.createQuery(sql)
                .bindMap(parameters)
                .mapTo(long.class)
                .stream()
                .mapToLong(Long::longValue)
                .toArray());
    }

    @Override
    public long deadLetterCount() {
        return persistence.deadLetterCount();
    }
}
