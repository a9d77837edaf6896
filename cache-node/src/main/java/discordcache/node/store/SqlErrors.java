package discordcache.node.store;

import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts database errors into the two that matter to a write-behind store: a row PostgreSQL refuses for its
 * content (SQLSTATE classes 21 cardinality, 22 data, 23 constraint and 54 program limit, such as JSON nested
 * too deep), which no retry can fix; and everything
 * else (connection loss, timeouts, failover, serialization failures, lack of resources), which a retry may
 * fix and which never justifies dropping a write.
 */
final class SqlErrors {
    private static final Set<String> ROW_ERROR_CLASSES = Set.of("21", "22", "23", "54");

    private SqlErrors() {
    }

    /** True when the error is about the rows' content, so retrying the same rows can never succeed. */
    static boolean isRowError(Throwable error) {
        String state = sqlState(error);
        return state != null && ROW_ERROR_CLASSES.contains(state.substring(0, 2));
    }

    /** The SQLSTATE of the first SQL exception in the cause chain, or null. */
    static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A one-line description of the error: SQLSTATE and the innermost message. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = sqlState(error);
        return (state == null ? "" : "[" + state + "] ") + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
