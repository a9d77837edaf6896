package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.Member;
import discordcache.model.MemberKey;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BIGINT_ARRAY;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.TEXT;
import static discordcache.node.store.ColumnType.TIMESTAMP;

final class MembersTable extends EntityTable<MemberKey, Member> {
    MembersTable() {
        super(CacheMap.MEMBERS, 2, column("guild_id", BIGINT), column("user_id", BIGINT), column("nick", TEXT),
                column("avatar", TEXT), column("banner", TEXT), column("roles", BIGINT_ARRAY),
                column("joined_at", TIMESTAMP), column("premium_since", TIMESTAMP), column("deaf", BOOLEAN),
                column("mute", BOOLEAN), column("pending", BOOLEAN), column("flags", INTEGER),
                column("communication_disabled_until", TIMESTAMP), column("version", BIGINT));
    }

    @Override
    Object[] toRow(Member m) {
        return new Object[] {m.guildId(), m.userId(), m.nick(), m.avatar(), m.banner(), ids(m.roles()),
                micros(m.joinedAt()), micros(m.premiumSince()), m.deaf(), m.mute(), m.pending(), m.flags(),
                micros(m.communicationDisabledUntil()), m.version()};
    }

    @Override
    Object[] keyRow(MemberKey key) {
        return new Object[] {key.guildId(), key.userId()};
    }

    @Override
    Member fromResultSet(ResultSet rs) throws SQLException {
        return new Member(rs.getLong("guild_id"), rs.getLong("user_id"), rs.getString("nick"),
                rs.getString("avatar"), rs.getString("banner"), snowflakes(rs, "roles"), instant(rs, "joined_at"),
                instant(rs, "premium_since"), rs.getBoolean("deaf"), rs.getBoolean("mute"),
                rs.getBoolean("pending"), rs.getInt("flags"), instant(rs, "communication_disabled_until"),
                rs.getLong("version"));
    }

    @Override
    MemberKey keyFromResultSet(ResultSet rs) throws SQLException {
        return new MemberKey(rs.getLong("guild_id"), rs.getLong("user_id"));
    }

    @Override
    MemberKey keyOf(Member value) {
        return value.key();
    }

    static final String IDS_WITH_ROLE_SQL =
            "SELECT user_id FROM members WHERE guild_id = :guildId AND :roleId = ANY (roles)";

    @Override
    String guildIdsSql() {
        return "SELECT guild_id, user_id AS id FROM members ORDER BY guild_id";
    }
}
