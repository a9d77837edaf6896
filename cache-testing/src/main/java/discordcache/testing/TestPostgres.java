package discordcache.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use, found once per JVM: the server of {@code DCACHE_TEST_JDBC_URL} when it
 * is set (user {@code DCACHE_TEST_DB_USER}, default postgres; password {@code DCACHE_TEST_DB_PASSWORD}), else a
 * Testcontainers PostgreSQL when a Docker engine answers, else an embedded PostgreSQL. Each test gets a fresh
 * database of its own on that server.
 */
public final class TestPostgres {
    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static TestPostgres instance;

    private final String adminUrl;
    private final String user;
    private final String password;

    private TestPostgres(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** The server, started on first use. */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = find();
        }
        return instance;
    }

    private static TestPostgres find() {
        String url = System.getenv("DCACHE_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            LOG.info("Tests use the PostgreSQL of DCACHE_TEST_JDBC_URL");
            return new TestPostgres(url, envOr("DCACHE_TEST_DB_USER", "postgres"), envOr("DCACHE_TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            LOG.info("Tests use a Testcontainers PostgreSQL");
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        LOG.info("No DCACHE_TEST_JDBC_URL and no Docker engine: tests use an embedded PostgreSQL");
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start an embedded PostgreSQL for the tests; set DCACHE_TEST_JDBC_URL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    private static String envOr(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "dcache_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + adminUrl, e);
        }
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
