package dev.parley.client.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite schema, as numbered migrations. Migration n takes the file from version n-1 to n,
 * in one transaction with the {@code user_version} bump, so a crash mid-migration leaves the old
 * version. Migrations are only ever appended: a released one never changes.
 */
final class SqliteMigrations {
    private static final String[][] MIGRATIONS = {
        // 1: the first schema.
        {
            "CREATE TABLE conversations (conversation_id TEXT PRIMARY KEY, last_activity_at INTEGER NOT NULL, json TEXT NOT NULL)",
            "CREATE TABLE messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, "
                    + "PRIMARY KEY (conversation_id, seq))",
            "CREATE TABLE cursors (conversation_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
            "CREATE TABLE receipts (conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, json TEXT NOT NULL, "
                    + "PRIMARY KEY (conversation_id, user_id))",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, json TEXT NOT NULL)",
            "CREATE TABLE outbox (local_id INTEGER PRIMARY KEY AUTOINCREMENT, client_message_id TEXT NOT NULL UNIQUE, "
                    + "conversation_id TEXT NOT NULL, text TEXT, reply_to_seq INTEGER, media TEXT NOT NULL, "
                    + "created_at INTEGER NOT NULL, stuck_code TEXT, stuck_message TEXT)",
        },
        // 2: conversations list by recency without a sort of the whole table.
        {
            "CREATE INDEX conversations_by_activity ON conversations(last_activity_at DESC)",
        },
        // 3: a file an outbox entry uploads before its send (JSON of Attachment, or NULL).
        {
            "ALTER TABLE outbox ADD COLUMN attachment TEXT",
        },
    };

    static final int CURRENT = MIGRATIONS.length;

    private SqliteMigrations() {
    }

    static void migrate(Connection db) throws SQLException {
        SqliteFile.migrate(db, "the store's schema", MIGRATIONS, SqliteMigrations::version, next -> "PRAGMA user_version = " + next);
    }

    static int version(Connection db) {
        try (Statement s = db.createStatement(); ResultSet row = s.executeQuery("PRAGMA user_version")) {
            return row.next() ? row.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version", e);
        }
    }
}
