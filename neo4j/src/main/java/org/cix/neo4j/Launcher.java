package org.cix.neo4j;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.Version;

/**
 * Embedded Neo4j Community DBMS with a Bolt connector on loopback.
 *
 * <p>Protocol with the parent process (see ../../../../../../src/index.ts):
 * stdout carries exactly one {@code CIX-NEO4J READY bolt://host:port neo4j=<version>} line once the
 * default database answers {@code RETURN 1}, and {@code CIX-NEO4J STOPPED} after a clean shutdown.
 * Fatal errors are one {@code CIX-NEO4J ERROR: ...} line on stderr, then exit code 1.
 * Everything else Neo4j writes goes to log files under {@code $CIX_NEO4J_HOME/logs}.
 */
public final class Launcher {
    private static final String PREFIX = "CIX-NEO4J ";

    /** The real stdout, kept for the protocol lines; System.out is redirected to a log file. */
    private static PrintStream protocolOut = System.out;

    private static volatile DatabaseManagementService service;
    private static volatile boolean shuttingDown;
    private static Path homeDir;

    private Launcher() {}

    public static void main(String[] args) {
        String host = env("NEO4J_BOLT_HOST", "127.0.0.1");
        int port;
        try {
            port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
            if (port < 1 || port > 65535) throw new NumberFormatException("out of range");
        } catch (NumberFormatException e) {
            fail("NEO4J_BOLT_PORT must be a TCP port number, got '" + System.getenv("NEO4J_BOLT_PORT") + "'");
            return;
        }
        Path home = Path.of(env("CIX_NEO4J_HOME", "neo4j/data")).toAbsolutePath().normalize();
        homeDir = home;

        try {
            long pageCache = SettingValueParsers.BYTES.parse(env("NEO4J_PAGECACHE", "256m"));
            Duration txTimeout = SettingValueParsers.DURATION.parse(env("NEO4J_TX_TIMEOUT", "30s"));
            // Transaction memory: cap all transactions together at half the heap and any single one
            // at a quarter, so one runaway query fails cleanly instead of taking the JVM down.
            long heap = Runtime.getRuntime().maxMemory();
            long txTotal = SettingValueParsers.BYTES.parse(env("NEO4J_TX_MEMORY_TOTAL", String.valueOf(heap / 2)));
            long txMax = Math.min(txTotal,
                    SettingValueParsers.BYTES.parse(env("NEO4J_TX_MEMORY_MAX", String.valueOf(heap / 4))));

            checkPortFree(host, port);

            Path logs = home.resolve("logs");
            Files.createDirectories(logs);
            // Keep stdout clean for the protocol: anything written to System.out by Neo4j or its
            // libraries lands in a log file in the data dir instead.
            System.setOut(new PrintStream(
                    new FileOutputStream(logs.resolve("stdout.log").toFile(), true), true, StandardCharsets.UTF_8));

            Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "cix-neo4j-shutdown"));

            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Auth is disabled on purpose: Bolt binds to loopback only (127.0.0.1 by default),
                    // so only local processes of this machine can reach this development database.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, txTimeout)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txTotal)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMax)
                    .setConfig(GraphDatabaseSettings.logs_directory, logs)
                    // No backups are taken of this development database: Neo4j's default keeps two days of
                    // transaction logs, which was 14 GB beside an 11 GB store after the CEN-scale load.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
                    // Netty's default 5 s quiet period makes every stop 5 s slower; 1 s is plenty here.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1);

            service = builder.build();
            if (shuttingDown) return;

            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.SECONDS.toMillis(120))) {
                throw new IllegalStateException("default database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                        + "' did not become available within 120 s (see " + logs.resolve("debug.log") + ")");
            }
            try (Transaction tx = db.beginTx(); Result r = tx.execute("RETURN 1 AS one")) {
                Object one = r.next().get("one");
                if (!(one instanceof Number) || ((Number) one).intValue() != 1) {
                    throw new IllegalStateException("sanity query RETURN 1 returned " + one);
                }
                tx.commit();
            }
            if (shuttingDown) return;
            protocol("READY bolt://" + host + ":" + port + " neo4j=" + Version.getNeo4jVersion());
        } catch (Throwable t) {
            if (shuttingDown) return;
            String message = describe(t, host, port);
            shuttingDown = true; // the hook must not print STOPPED for a start that failed
            DatabaseManagementService s = service;
            if (s != null) {
                try {
                    s.shutdown();
                } catch (Throwable ignored) {
                    // already failing; the error line below is what matters
                }
            }
            fail(message);
        }
    }

    /** Binds and releases the port first, so a busy port gives a clear message, not a stack trace. */
    private static void checkPortFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new PortInUse(host, port, e);
        }
    }

    private static void shutdown() {
        shuttingDown = true;
        DatabaseManagementService s = service;
        if (s == null) return;
        try {
            s.shutdown();
            protocol("STOPPED");
        } catch (Throwable t) {
            System.err.println(PREFIX + "ERROR: shutdown failed: " + oneLine(t));
            System.err.flush();
        }
    }

    private static String describe(Throwable t, String host, int port) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PortInUse) return c.getMessage();
            if (c instanceof java.net.BindException
                    || String.valueOf(c.getMessage()).contains("Address already in use")) {
                return new PortInUse(host, port, c).getMessage();
            }
            if (c.getClass().getSimpleName().equals("FileLockException")) {
                return "data dir " + homeDir + " is locked by another Neo4j process: stop it, or point CIX_NEO4J_HOME"
                        + " at another directory";
            }
        }
        return "startup failed: " + oneLine(t);
    }

    private static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (root != t) msg += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return msg.replaceAll("\\s+", " ").trim();
    }

    private static void protocol(String line) {
        synchronized (Launcher.class) {
            protocolOut.println(PREFIX + line);
            protocolOut.flush();
        }
    }

    private static void fail(String message) {
        System.err.println(PREFIX + "ERROR: " + message.replaceAll("\\s+", " ").trim());
        System.err.flush();
        // halt, not exit: shutdown hooks have nothing left to do and must not print STOPPED.
        Runtime.getRuntime().halt(1);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static final class PortInUse extends RuntimeException {
        PortInUse(String host, int port, Throwable cause) {
            super("Bolt port " + host + ":" + port + " is not available (" + cause.getMessage()
                    + "); stop whatever uses it or set NEO4J_BOLT_PORT", cause);
        }
    }
}
