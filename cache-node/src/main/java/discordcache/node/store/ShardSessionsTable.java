package discordcache.node.store;

import discordcache.model.CacheMap;
import discordcache.model.ShardSession;

import java.sql.ResultSet;
import java.sql.SQLException;

import static discordcache.node.store.ColumnType.BIGINT;
import static discordcache.node.store.ColumnType.INTEGER;
import static discordcache.node.store.ColumnType.TEXT;

final class ShardSessionsTable extends EntityTable<Integer, ShardSession> {
    ShardSessionsTable() {
        super(CacheMap.SHARD_SESSIONS, 1, column("shard_id", INTEGER), column("shard_count", INTEGER),
                column("session_id", TEXT), column("resume_url", TEXT), column("user_id", BIGINT),
                column("last_sequence", BIGINT),
                column("version", BIGINT));
    }

    @Override
    Object[] toRow(ShardSession s) {
        return new Object[] {s.shardId(), s.shardCount(), s.sessionId(), s.resumeUrl(), s.userId(), s.lastSequence(),
                s.version()};
    }

    @Override
    Object[] keyRow(Integer shardId) {
        return new Object[] {shardId};
    }

    @Override
    ShardSession fromResultSet(ResultSet rs) throws SQLException {
        return new ShardSession(rs.getInt("shard_id"), rs.getInt("shard_count"), rs.getString("session_id"),
                rs.getString("resume_url"), rs.getLong("user_id"), rs.getLong("last_sequence"),
                rs.getLong("version"));
    }

    @Override
    Integer keyFromResultSet(ResultSet rs) throws SQLException {
        return rs.getInt("shard_id");
    }

    @Override
    Integer keyOf(ShardSession value) {
        return value.shardId();
    }
}
