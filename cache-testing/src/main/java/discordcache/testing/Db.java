package discordcache.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Direct reads of a test database, past the cache node and any proxy. */
public final class Db {
    private Db() {
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestPostgres.get().user(), TestPostgres.get().password());
    }

    public static long count(String jdbcUrl, String table) throws SQLException {
        try (Connection db = connect(jdbcUrl)) {
            return count(db, table);
        }
    }

    public static long count(Connection db, String table) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The version of every row of a table keyed by {@code id}. */
    public static Map<Long, Long> versionsById(String jdbcUrl, String table) throws SQLException {
        Map<Long, Long> versions = new HashMap<>();
        try (Connection db = connect(jdbcUrl); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, version FROM " + table)) {
            while (rs.next()) {
                versions.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return versions;
    }

    /** Runs a statement, such as installing a test trigger. */
    public static void execute(String jdbcUrl, String sql) throws SQLException {
        try (Connection db = connect(jdbcUrl); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
