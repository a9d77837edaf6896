package discordcache.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The two things write-behind does to a table, as batches of rows (whole rows to upsert, key rows to delete). */
enum WriteOp {
    UPSERT {
        @Override
        void execute(Connection connection, EntityTable<?, ?> table, List<Object[]> rows) throws SQLException {
            table.upsert(connection, rows);
        }
    },
    DELETE {
        @Override
        void execute(Connection connection, EntityTable<?, ?> table, List<Object[]> rows) throws SQLException {
            table.delete(connection, rows);
        }
    };

    abstract void execute(Connection connection, EntityTable<?, ?> table, List<Object[]> rows) throws SQLException;
}
