package dev.parley.client.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * What the SDK's SQLite stores share ({@link SqliteStore} here, parley-client-signal's
 * SqliteSignalStore, possibly in one file): opening a file for durable writes, bound writes, and
 * numbered migrations applied one per transaction with their version bump.
 */
public final class SqliteFile {
    private SqliteFile() {
    }

    /** WAL with synchronous=FULL: a write is on disk when the statement returns, and survives a power cut. */
    public static Connection open(String path) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + path);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        return db;
    }

    /** Runs one write; the rows it changed. */
    public static int update(Connection db, String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write: " + sql, e);
        }
    }

    public static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    /**
     * Takes {@code subject} (e.g. "the store's schema") from the version {@code version} reads to
     * {@code migrations.length}: migration n's statements and {@code bump.apply(n)} in one
     * transaction, so a crash mid-migration leaves the old version. A version newer than the
     * migrations known is refused: a newer app wrote it, and downgrading is not supported.
     */
    public static void migrate(Connection db, String subject, String[][] migrations, ToIntFunction<Connection> version,
                               IntFunction<String> bump) throws SQLException {
        int current = version.applyAsInt(db);
        if (current > migrations.length) {
            throw new StoreException(subject + " is version " + current + ", newer than this SDK's " + migrations.length
                    + ": it was written by a newer app version; downgrading is not supported", null);
        }
        for (int next = current + 1; next <= migrations.length; next++) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : migrations[next - 1]) {
                    s.execute(sql);
                }
                s.execute(bump.apply(next));
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw new StoreException("migration of " + subject + " to version " + next + " failed", e);
            } finally {
                db.setAutoCommit(true);
            }
        }
    }
}
