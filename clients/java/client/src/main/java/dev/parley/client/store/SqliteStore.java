package dev.parley.client.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.ParleyException;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ParleyStore} in one SQLite file through JDBC (sqlite-jdbc on the JVM). Writes are
 * committed with {@code synchronous=FULL} in WAL mode, so a message enqueued survives a process
 * kill and a power cut. The schema is versioned by {@link SqliteMigrations} in
 * {@code PRAGMA user_version}. Records are kept as their wire JSON, with the keys the SDK
 * queries by in columns.
 */
public final class SqliteStore implements ParleyStore {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final Connection db;

    private SqliteStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating when absent) the store at {@code path} and migrates it to the current schema. */
    public static SqliteStore open(String path) {
        try {
            Connection db = SqliteFile.open(path);
            SqliteMigrations.migrate(db);
            return new SqliteStore(db);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store at " + path, e);
        }
    }

    /** The schema version of the open file. */
    public synchronized int schemaVersion() {
        return SqliteMigrations.version(db);
    }

    @Override
    public synchronized void putConversation(StoredConversation conversation) {
        update("INSERT OR REPLACE INTO conversations(conversation_id, last_activity_at, json) VALUES (?, ?, ?)",
                conversation.conversationId(), conversation.summary().lastActivityAt(), json(conversation));
    }

    @Override
    public synchronized Optional<StoredConversation> conversation(String conversationId) {
        List<StoredConversation> found = query("SELECT json FROM conversations WHERE conversation_id = ?",
                StoredConversation.class, conversationId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized List<StoredConversation> conversations() {
        return query("SELECT json FROM conversations ORDER BY last_activity_at DESC", StoredConversation.class);
    }

    @Override
    public synchronized void removeConversation(String conversationId) {
        transaction(() -> {
            for (String table : new String[] {"conversations", "messages", "cursors", "receipts"}) {
                update("DELETE FROM " + table + " WHERE conversation_id = ?", conversationId);
            }
        });
    }

    @Override
    public synchronized boolean putMessage(MessageEvent message) {
        return update("INSERT OR IGNORE INTO messages(conversation_id, seq, json) VALUES (?, ?, ?)",
                message.conversationId(), message.seq(), json(message)) == 1;
    }

    @Override
    public synchronized List<MessageEvent> messages(String conversationId, long afterSeq, int limit) {
        return query("SELECT json FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                MessageEvent.class, conversationId, afterSeq, limit);
    }

    @Override
    public synchronized boolean hasMessage(String conversationId, long seq) {
        return !query("SELECT json FROM messages WHERE conversation_id = ? AND seq = ?", MessageEvent.class,
                conversationId, seq).isEmpty();
    }

    @Override
    public synchronized Map<String, Long> cursors() {
        Map<String, Long> cursors = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT conversation_id, seq FROM cursors");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                cursors.put(rows.getString(1), rows.getLong(2));
            }
            return cursors;
        } catch (SQLException e) {
            throw new StoreException("cannot read the cursors", e);
        }
    }

    @Override
    public synchronized void setCursor(String conversationId, long seq) {
        update("INSERT OR REPLACE INTO cursors(conversation_id, seq) VALUES (?, ?)", conversationId, seq);
    }

    @Override
    public synchronized Optional<String> syncToken() {
        List<String> found = query("SELECT json FROM meta WHERE key = 'syncToken'", String.class);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized void setSyncToken(String syncToken) {
        update("INSERT OR REPLACE INTO meta(key, json) VALUES ('syncToken', ?)", json(syncToken));
    }

    @Override
    public synchronized void putReceipt(String conversationId, MemberCursor cursor) {
        update("INSERT OR REPLACE INTO receipts(conversation_id, user_id, json) VALUES (?, ?, ?)",
                conversationId, cursor.userId(), json(cursor));
    }

    @Override
    public synchronized List<MemberCursor> receipts(String conversationId) {
        return query("SELECT json FROM receipts WHERE conversation_id = ? ORDER BY user_id", MemberCursor.class,
                conversationId);
    }

    @Override
    public synchronized OutboxEntry enqueue(String clientMessageId, String conversationId, String text, Long replyToSeq,
                                            List<String> media, Attachment attachment, long createdAt) {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO outbox(client_message_id, conversation_id, text, "
                + "reply_to_seq, media, attachment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            SqliteFile.bind(s, clientMessageId, conversationId, text, replyToSeq, json(media == null ? List.of() : media),
                    attachment == null ? null : json(attachment), createdAt);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new OutboxEntry(keys.getLong(1), clientMessageId, conversationId, text, replyToSeq,
                        media == null ? List.of() : List.copyOf(media), attachment, createdAt, OutboxEntry.Status.PENDING, null);
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new IllegalArgumentException("clientMessageId " + clientMessageId + " is already in the outbox", e);
            }
            throw new StoreException("cannot enqueue " + clientMessageId, e);
        }
    }

    @Override
    public synchronized List<OutboxEntry> outbox() {
        List<OutboxEntry> entries = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT local_id, client_message_id, conversation_id, text, "
                + "reply_to_seq, media, created_at, stuck_code, stuck_message, attachment FROM outbox ORDER BY local_id");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                long replyTo = rows.getLong(5);
                Long replyToSeq = rows.wasNull() ? null : replyTo;
                String stuckCode = rows.getString(8);
                OutboxEntry.Stuck stuck = stuckCode == null ? null
                        : new OutboxEntry.Stuck(ParleyException.ServerError.codeOf(stuckCode), stuckCode, rows.getString(9));
                entries.add(new OutboxEntry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        replyToSeq, JSON.readValue(rows.getString(6), new TypeReference<List<String>>() { }),
                        rows.getString(10) == null ? null : JSON.readValue(rows.getString(10), Attachment.class),
                        rows.getLong(7), stuck == null ? OutboxEntry.Status.PENDING : OutboxEntry.Status.STUCK, stuck));
            }
            return entries;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the outbox", e);
        }
    }

    @Override
    public synchronized void setStuck(String clientMessageId, OutboxEntry.Stuck reason) {
        update("UPDATE outbox SET stuck_code = ?, stuck_message = ? WHERE client_message_id = ?",
                reason == null ? null : reason.codeName(), reason == null ? null : reason.message(), clientMessageId);
    }

    @Override
    public synchronized boolean removeFromOutbox(String clientMessageId) {
        return update("DELETE FROM outbox WHERE client_message_id = ?", clientMessageId) == 1;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store", e);
        }
    }

    private void transaction(Runnable work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("a transaction failed", e);
        }
    }

    private int update(String sql, Object... args) {
        return SqliteFile.update(db, sql, args);
    }

    private <T> List<T> query(String sql, Class<T> type, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            SqliteFile.bind(s, args);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(JSON.readValue(rows.getString(1), type));
                }
            }
            return found;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read: " + sql, e);
        }
    }


    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
