package dev.parley.client.signal.store;

import dev.parley.client.store.SqliteFile;
import dev.parley.client.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link SignalStore} in a SQLite file through JDBC (sqlite-jdbc on the JVM), WAL with
 * {@code synchronous=FULL} like parley-client's SqliteStore, whose file it may share (its tables
 * are all named {@code signal_*} and versioned apart, see {@link SqliteSignalMigrations}).
 */
public final class SqliteSignalStore implements SignalStore {
    private final Connection db;

    private SqliteSignalStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating when absent) the file at {@code path} and migrates its Signal tables. */
    public static SqliteSignalStore open(String path) {
        try {
            Connection db = SqliteFile.open(path);
            SqliteSignalMigrations.migrate(db);
            return new SqliteSignalStore(db);
        } catch (SQLException e) {
            throw new StoreException("cannot open the Signal store at " + path, e);
        }
    }

    /** The version of the Signal tables in the open file. */
    public synchronized int schemaVersion() {
        return SqliteSignalMigrations.version(db);
    }

    @Override
    public synchronized Optional<LocalIdentity> localIdentity() {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT identity_key_pair, registration_id, device_num FROM signal_local WHERE id = 1");
             ResultSet row = s.executeQuery()) {
            return row.next() ? Optional.of(new LocalIdentity(row.getBytes(1), row.getInt(2), row.getInt(3))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the local identity", e);
        }
    }

    @Override
    public synchronized void setLocalIdentity(LocalIdentity identity) {
        update("INSERT OR REPLACE INTO signal_local(id, identity_key_pair, registration_id, device_num) VALUES (1, ?, ?, ?)",
                identity.identityKeyPair(), identity.registrationId(), identity.deviceNum());
    }

    @Override
    public synchronized Optional<byte[]> peerIdentity(String userId, int deviceNum) {
        return blob("SELECT identity_key FROM signal_peer_identities WHERE user_id = ? AND device_num = ?", userId, deviceNum);
    }

    @Override
    public synchronized void setPeerIdentity(String userId, int deviceNum, byte[] identityKey) {
        update("INSERT OR REPLACE INTO signal_peer_identities(user_id, device_num, identity_key) VALUES (?, ?, ?)",
                userId, deviceNum, identityKey);
    }

    @Override
    public synchronized Optional<byte[]> preKey(int keyId) {
        return blob("SELECT record FROM signal_prekeys WHERE key_id = ?", keyId);
    }

    @Override
    public synchronized void putPreKey(int keyId, byte[] record) {
        update("INSERT OR REPLACE INTO signal_prekeys(key_id, record) VALUES (?, ?)", keyId, record);
    }

    @Override
    public synchronized void removePreKey(int keyId) {
        update("DELETE FROM signal_prekeys WHERE key_id = ?", keyId);
    }

    @Override
    public synchronized int preKeyCount() {
        return count("SELECT COUNT(*) FROM signal_prekeys");
    }

    @Override
    public synchronized Optional<byte[]> signedPreKey(int keyId) {
        return blob("SELECT record FROM signal_signed_prekeys WHERE key_id = ?", keyId);
    }

    @Override
    public synchronized List<byte[]> signedPreKeys() {
        return blobs("SELECT record FROM signal_signed_prekeys ORDER BY key_id");
    }

    @Override
    public synchronized void putSignedPreKey(int keyId, byte[] record) {
        update("INSERT OR REPLACE INTO signal_signed_prekeys(key_id, record) VALUES (?, ?)", keyId, record);
    }

    @Override
    public synchronized void removeSignedPreKey(int keyId) {
        update("DELETE FROM signal_signed_prekeys WHERE key_id = ?", keyId);
    }

    @Override
    public synchronized Optional<KyberPreKey> kyberPreKey(int keyId) {
        List<KyberPreKey> found = kyber("SELECT record, last_resort FROM signal_kyber_prekeys WHERE key_id = ?", keyId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized List<KyberPreKey> kyberPreKeys() {
        return kyber("SELECT record, last_resort FROM signal_kyber_prekeys ORDER BY key_id");
    }

    @Override
    public synchronized void putKyberPreKey(int keyId, KyberPreKey key) {
        update("INSERT OR REPLACE INTO signal_kyber_prekeys(key_id, record, last_resort) VALUES (?, ?, ?)",
                keyId, key.record(), key.lastResort() ? 1 : 0);
    }

    @Override
    public synchronized void removeKyberPreKey(int keyId) {
        update("DELETE FROM signal_kyber_prekeys WHERE key_id = ?", keyId);
    }

    @Override
    public synchronized int oneTimeKyberPreKeyCount() {
        return count("SELECT COUNT(*) FROM signal_kyber_prekeys WHERE last_resort = 0");
    }

    @Override
    public synchronized boolean markKyberBaseKeyUsed(int kyberKeyId, int signedPreKeyId, byte[] baseKey) {
        return update("INSERT OR IGNORE INTO signal_kyber_base_keys(kyber_key_id, signed_prekey_id, base_key) VALUES (?, ?, ?)",
                kyberKeyId, signedPreKeyId, baseKey) == 1;
    }

    @Override
    public synchronized Optional<byte[]> session(String userId, int deviceNum) {
        return blob("SELECT record FROM signal_sessions WHERE user_id = ? AND device_num = ?", userId, deviceNum);
    }

    @Override
    public synchronized void putSession(String userId, int deviceNum, byte[] record) {
        update("INSERT OR REPLACE INTO signal_sessions(user_id, device_num, record) VALUES (?, ?, ?)", userId, deviceNum, record);
    }

    @Override
    public synchronized List<Integer> sessionDevices(String userId) {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT device_num FROM signal_sessions WHERE user_id = ? ORDER BY device_num")) {
            s.setString(1, userId);
            List<Integer> devices = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    devices.add(rows.getInt(1));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw new StoreException("cannot read the sessions of " + userId, e);
        }
    }

    @Override
    public synchronized void removeSession(String userId, int deviceNum) {
        update("DELETE FROM signal_sessions WHERE user_id = ? AND device_num = ?", userId, deviceNum);
    }

    @Override
    public synchronized Optional<byte[]> senderKey(String userId, int deviceNum, UUID distributionId) {
        return blob("SELECT record FROM signal_sender_keys WHERE user_id = ? AND device_num = ? AND distribution_id = ?",
                userId, deviceNum, distributionId.toString());
    }

    @Override
    public synchronized void putSenderKey(String userId, int deviceNum, UUID distributionId, byte[] record) {
        update("INSERT OR REPLACE INTO signal_sender_keys(user_id, device_num, distribution_id, record) VALUES (?, ?, ?, ?)",
                userId, deviceNum, distributionId.toString(), record);
    }

    @Override
    public synchronized Optional<String> keyLog(String userId) {
        try (PreparedStatement s = db.prepareStatement("SELECT state FROM signal_key_logs WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the key log state of " + userId, e);
        }
    }

    @Override
    public synchronized void putKeyLog(String userId, String stateJson) {
        update("INSERT OR REPLACE INTO signal_key_logs(user_id, state) VALUES (?, ?)", userId, stateJson);
    }

    @Override
    public synchronized Optional<String> mediaKey(String mediaId) {
        try (PreparedStatement s = db.prepareStatement("SELECT key_json FROM signal_media_keys WHERE media_id = ?")) {
            s.setString(1, mediaId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the key of media " + mediaId, e);
        }
    }

    @Override
    public synchronized void putMediaKey(String mediaId, String keyJson) {
        update("INSERT OR REPLACE INTO signal_media_keys(media_id, key_json) VALUES (?, ?)", mediaId, keyJson);
    }

    @Override
    public synchronized java.util.Map<String, String> ownSenderKeys() {
        java.util.Map<String, String> states = new java.util.HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT conversation_id, state FROM signal_own_sender_keys");
             ResultSet row = s.executeQuery()) {
            while (row.next()) {
                states.put(row.getString(1), row.getString(2));
            }
            return states;
        } catch (SQLException e) {
            throw new StoreException("cannot read this device's sender keys", e);
        }
    }

    @Override
    public synchronized void putOwnSenderKey(String conversationId, String stateJson) {
        if (stateJson == null) {
            update("DELETE FROM signal_own_sender_keys WHERE conversation_id = ?", conversationId);
        } else {
            update("INSERT OR REPLACE INTO signal_own_sender_keys(conversation_id, state) VALUES (?, ?)", conversationId, stateJson);
        }
    }

    @Override
    public synchronized void clearOwnSenderKeys() {
        update("DELETE FROM signal_own_sender_keys");
    }

    @Override
    public synchronized int reserveIds(String sequence, int count) {
        try {
            db.setAutoCommit(false);
            try {
                update("INSERT OR IGNORE INTO signal_sequences(name, next) VALUES (?, 1)", sequence);
                int first = count("SELECT next FROM signal_sequences WHERE name = ?", sequence);
                update("UPDATE signal_sequences SET next = ? WHERE name = ?", first + count, sequence);
                db.commit();
                return first;
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot reserve ids of " + sequence, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the Signal store", e);
        }
    }

    private int update(String sql, Object... args) {
        return SqliteFile.update(db, sql, args);
    }

    private Optional<byte[]> blob(String sql, Object... args) {
        List<byte[]> found = blobs(sql, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<byte[]> blobs(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            SqliteFile.bind(s, args);
            List<byte[]> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getBytes(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("cannot read: " + sql, e);
        }
    }

    private List<KyberPreKey> kyber(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            SqliteFile.bind(s, args);
            List<KyberPreKey> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(new KyberPreKey(rows.getBytes(1), rows.getInt(2) == 1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("cannot read: " + sql, e);
        }
    }

    private int count(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            SqliteFile.bind(s, args);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read: " + sql, e);
        }
    }
}
