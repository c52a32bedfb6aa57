package dev.parley.client.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    ParleyStore open() {
        return SqliteStore.open(dir.resolve("parley.db").toString());
    }

    @Test
    void aReopenedFileKeepsEverythingAtTheCurrentSchemaVersion() {
        store.enqueue("a", CONVERSATION, "queued", null, null, 1);
        store.putMessage(message(CONVERSATION, 1, "one"));
        store.setSyncToken("t");
        store.close();

        try (SqliteStore reopened = SqliteStore.open(dir.resolve("parley.db").toString())) {
            assertThat(reopened.schemaVersion()).isEqualTo(SqliteMigrations.CURRENT);
            assertThat(reopened.outbox()).extracting(OutboxEntry::text).containsExactly("queued");
            assertThat(reopened.messages(CONVERSATION, 0, 10)).hasSize(1);
            assertThat(reopened.syncToken()).contains("t");
        }
        store = open();
    }

    @Test
    void aFileAtAnOlderVersionIsMigratedKeepingItsRows() throws Exception {
        Path old = dir.resolve("v1.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            // A file as version 1 of the schema left it.
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE conversations (conversation_id TEXT PRIMARY KEY, last_activity_at INTEGER NOT NULL, "
                        + "json TEXT NOT NULL)");
                s.execute("CREATE TABLE messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, "
                        + "PRIMARY KEY (conversation_id, seq))");
                s.execute("CREATE TABLE cursors (conversation_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)");
                s.execute("CREATE TABLE receipts (conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, json TEXT NOT NULL, "
                        + "PRIMARY KEY (conversation_id, user_id))");
                s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
                s.execute("CREATE TABLE outbox (local_id INTEGER PRIMARY KEY AUTOINCREMENT, client_message_id TEXT NOT NULL "
                        + "UNIQUE, conversation_id TEXT NOT NULL, text TEXT, reply_to_seq INTEGER, media TEXT NOT NULL, "
                        + "created_at INTEGER NOT NULL, stuck_code TEXT, stuck_message TEXT)");
                s.execute("INSERT INTO cursors VALUES ('" + CONVERSATION + "', 5)");
                s.execute("PRAGMA user_version = 1");
            }
        }

        try (SqliteStore migrated = SqliteStore.open(old.toString())) {
            assertThat(migrated.schemaVersion()).isEqualTo(SqliteMigrations.CURRENT).isGreaterThan(1);
            assertThat(migrated.cursors()).containsEntry(CONVERSATION, 5L);
        }
    }

    @Test
    void aFileFromANewerSdkIsRefusedRatherThanMisread() throws Exception {
        Path newer = dir.resolve("newer.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version = " + (SqliteMigrations.CURRENT + 1));
        }

        assertThatThrownBy(() -> SqliteStore.open(newer.toString()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this SDK");
    }
}
