package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.User;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.BOOLEAN;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.TEXT;

final class UsersTable extends SnowflakeTable<User> {
    UsersTable() {
        super(CacheMap.USERS, column("id", BIGINT), column("username", TEXT), column("discriminator", TEXT),
                column("global_name", TEXT), column("avatar", TEXT), column("banner", TEXT),
                column("accent_color", INTEGER), column("public_flags", INTEGER), column("bot", BOOLEAN),
                column("system", BOOLEAN), column("version", BIGINT));
    }

    @Override
    Object[] toRow(User u) {
        return new Object[] {u.id(), u.username(), u.discriminator(), u.globalName(), u.avatar(), u.banner(),
                u.accentColor(), u.publicFlags(), u.bot(), u.system(), u.version()};
    }

    @Override
    User fromResultSet(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("discriminator"),
                rs.getString("global_name"), rs.getString("avatar"), rs.getString("banner"),
                nullableInt(rs, "accent_color"), rs.getInt("public_flags"), rs.getBoolean("bot"),
                rs.getBoolean("system"), rs.getLong("version"));
    }

    @Override
    Long keyOf(User value) {
        return value.id();
    }
}
