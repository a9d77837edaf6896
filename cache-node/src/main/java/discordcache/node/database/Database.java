package discordcache.node.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import discordcache.node.config.NodeSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's PostgreSQL: a connection pool to the configured database, or to an embedded PostgreSQL whose
 * files live in the data directory when no JDBC URL is set, plus the schema migrations.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    /**
     * Opens the pool; starts the embedded PostgreSQL first when the settings have no JDBC URL. The pool does
     * not need PostgreSQL to be up: connections are made when they are first used.
     */
    public static Database open(NodeSettings settings) {
        EmbeddedPostgres embedded = null;
        String url = settings.jdbcUrl();
        String user = settings.dbUser();
        if (settings.embeddedDatabase()) {
            embedded = startEmbedded(settings.dataDirectory().resolve("postgres"));
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("discord-cache");
        config.setJdbcUrl(url);
        config.setUsername(user);
        if (!settings.dbPassword().isEmpty()) {
            config.setPassword(settings.dbPassword());
        }
        config.setMaximumPoolSize(settings.dbPoolSize());
        config.setMinimumIdle(Math.min(2, settings.dbPoolSize()));
        // Waits for PostgreSQL happen in the store's retry loop, where they are logged and counted.
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "discord-cache-node");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A connection dropped without a reset (a failover, a dead peer) must fail, not block a store forever.
        config.addDataSourceProperty("socketTimeout", "120");
        // Every statement is planned with its own batch and the table as it is now. A cached generic plan made
        // while a table was empty (a fresh database, the first seconds of a start-up storm) keeps joining each
        // batch against the whole table by a sequential scan as the table grows.
        config.addDataSourceProperty("prepareThreshold", "0");
        return new Database(embedded, new HikariDataSource(config));
    }

    private static EmbeddedPostgres startEmbedded(Path directory) {
        try {
            Files.createDirectories(directory);
            LOG.info("No JDBC URL set: starting the embedded PostgreSQL in {}", directory.toAbsolutePath());
            // An existing data directory is reused as it is: that is what makes the embedded default durable.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .start();
            LOG.info("Embedded PostgreSQL is up on port {}", postgres.getPort());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory.toAbsolutePath()
                    + " (" + e.getMessage() + "); set DCACHE_JDBC_URL to use an external PostgreSQL instead", e);
        }
    }

    /** Brings the schema up to date with the migrations in the {@code sql} module. */
    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        } else {
            // Flyway reports no target version when nothing was applied; the schema's version is then the newest
            // migration it already holds.
            MigrationInfo current = flyway.info().current();
            LOG.info("Schema is up to date at version {}", current == null ? "none" : current.getVersion());
        }
        return result;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("The embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
