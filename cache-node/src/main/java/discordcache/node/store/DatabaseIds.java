package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.query.PersistedIds;

/** The ids of a guild's or a channel's rows, read from PostgreSQL with the retry of every other read. */
final class DatabaseIds implements PersistedIds {
    private final Persistence persistence;

    DatabaseIds(Persistence persistence) {
        this.persistence = persistence;
    }

    @Override
    public long[] idsOfGuild(CacheMap<?, ?> map, long guildId) {
        String sql = persistence.table(map).idsOfGuildSql();
        if (sql == null) {
            throw new IllegalArgumentException("The " + map + " table is not scoped by guild");
        }
        return persistence.read("read the " + map + " ids of guild " + guildId, handle -> handle.createQuery(sql)
                .bind("guildId", guildId)
                .mapTo(long.class)
                .stream()
                .mapToLong(Long::longValue)
                .toArray());
    }

    @Override
    public long[] memberIdsWithRole(long guildId, long roleId) {
        return persistence.read("read the members of guild " + guildId + " with role " + roleId, handle -> handle
                .createQuery(MembersTable.IDS_WITH_ROLE_SQL)
                .bind("guildId", guildId)
                .bind("roleId", roleId)
                .mapTo(long.class)
                .stream()
                .mapToLong(Long::longValue)
                .toArray());
    }

    @Override
    public long[] messageIdsBefore(long channelId, long beforeId, int limit) {
        return persistence.read("read message ids of channel " + channelId, handle -> handle
                .createQuery(MessagesTable.NEWEST_IDS_BEFORE_SQL)
                .bind("channelId", channelId)
                .bind("before", beforeId)
                .bind("limit", limit)
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
