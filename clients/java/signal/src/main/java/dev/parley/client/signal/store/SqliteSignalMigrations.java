package dev.parley.client.signal.store;

import dev.parley.client.store.SqliteFile;
import dev.parley.client.store.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Signal tables, as numbered migrations, versioned in their own table
 * ({@code signal_schema}) rather than {@code PRAGMA user_version}: they may share one file with
 * parley-client's {@code SqliteStore}, which owns user_version. Migration n takes the tables from
 * version n-1 to n in one transaction with the version bump; migrations are only ever appended.
 */
final class SqliteSignalMigrations {
    private static final String[][] MIGRATIONS = {
        // 1: the first schema. Records are libsignal's serialize() output.
        {
            "CREATE TABLE signal_local (id INTEGER PRIMARY KEY CHECK (id = 1), identity_key_pair BLOB NOT NULL, "
                    + "registration_id INTEGER NOT NULL, device_num INTEGER NOT NULL)",
            "CREATE TABLE signal_peer_identities (user_id TEXT NOT NULL, device_num INTEGER NOT NULL, "
                    + "identity_key BLOB NOT NULL, PRIMARY KEY (user_id, device_num))",
            "CREATE TABLE signal_prekeys (key_id INTEGER PRIMARY KEY, record BLOB NOT NULL)",
            "CREATE TABLE signal_signed_prekeys (key_id INTEGER PRIMARY KEY, record BLOB NOT NULL)",
            "CREATE TABLE signal_kyber_prekeys (key_id INTEGER PRIMARY KEY, record BLOB NOT NULL, "
                    + "last_resort INTEGER NOT NULL)",
            "CREATE TABLE signal_kyber_base_keys (kyber_key_id INTEGER NOT NULL, signed_prekey_id INTEGER NOT NULL, "
                    + "base_key BLOB NOT NULL, PRIMARY KEY (kyber_key_id, signed_prekey_id, base_key))",
            "CREATE TABLE signal_sessions (user_id TEXT NOT NULL, device_num INTEGER NOT NULL, record BLOB NOT NULL, "
                    + "PRIMARY KEY (user_id, device_num))",
            "CREATE TABLE signal_sender_keys (user_id TEXT NOT NULL, device_num INTEGER NOT NULL, "
                    + "distribution_id TEXT NOT NULL, record BLOB NOT NULL, PRIMARY KEY (user_id, device_num, distribution_id))",
            "CREATE TABLE signal_key_logs (user_id TEXT PRIMARY KEY, state TEXT NOT NULL)",
            "CREATE TABLE signal_sequences (name TEXT PRIMARY KEY, next INTEGER NOT NULL)",
        },
        // 2: keys of E2EE media files, from the messages that carried them.
        {
            "CREATE TABLE signal_media_keys (media_id TEXT PRIMARY KEY, key_json TEXT NOT NULL)",
        },
        // 3: this device's current sender key per group and who holds it, so a restart re-sends it to nobody.
        {
            "CREATE TABLE signal_own_sender_keys (conversation_id TEXT PRIMARY KEY, state TEXT NOT NULL)",
        },
    };

    static final int CURRENT = MIGRATIONS.length;

    private SqliteSignalMigrations() {
    }

    static void migrate(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS signal_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
            s.execute("INSERT OR IGNORE INTO signal_schema(id, version) VALUES (1, 0)");
        }
        SqliteFile.migrate(db, "the Signal tables", MIGRATIONS, SqliteSignalMigrations::version,
                next -> "UPDATE signal_schema SET version = " + next + " WHERE id = 1");
    }

    static int version(Connection db) {
        try (Statement s = db.createStatement(); ResultSet row = s.executeQuery("SELECT version FROM signal_schema WHERE id = 1")) {
            return row.next() ? row.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the Signal tables' version", e);
        }
    }
}
