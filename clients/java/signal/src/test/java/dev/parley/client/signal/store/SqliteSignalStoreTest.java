package dev.parley.client.signal.store;

import dev.parley.client.store.SqliteStore;
import dev.parley.client.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each SignalStore method on SQLite, across a reopen of the file; the session scenario is in ReopenTest. */
class SqliteSignalStoreTest {
    @TempDir
    Path dir;

    @Test
    void everyKindOfRecordSurvivesAReopen() {
        String path = dir.resolve("device.db").toString();
        UUID distribution = UUID.randomUUID();
        try (SqliteSignalStore store = SqliteSignalStore.open(path)) {
            store.setLocalIdentity(new SignalStore.LocalIdentity(new byte[] {1, 2}, 4242, 0));
            store.setLocalIdentity(store.localIdentity().get().withDeviceNum(3));
            store.setPeerIdentity("bob", 1, new byte[] {5, 9});
            store.putPreKey(7, new byte[] {7});
            store.putPreKey(8, new byte[] {8});
            store.removePreKey(8);
            store.putSignedPreKey(1, new byte[] {11});
            store.putKyberPreKey(1, new SignalStore.KyberPreKey(new byte[] {21}, true));
            store.putKyberPreKey(2, new SignalStore.KyberPreKey(new byte[] {22}, false));
            assertThat(store.markKyberBaseKeyUsed(1, 1, new byte[] {9, 9})).isTrue();
            store.putSession("bob", 2, new byte[] {32});
            store.putSession("bob", 1, new byte[] {31});
            store.putSenderKey("bob", 1, distribution, new byte[] {41});
            store.putKeyLog("bob", "{\"seq\":1}");
            assertThat(store.reserveIds("preKey", 100)).isEqualTo(1);
        }
        try (SqliteSignalStore store = SqliteSignalStore.open(path)) {
            assertThat(store.schemaVersion()).isEqualTo(SqliteSignalMigrations.CURRENT);
            assertThat(store.localIdentity()).get().satisfies(local -> {
                assertThat(local.identityKeyPair()).containsExactly(1, 2);
                assertThat(local.registrationId()).isEqualTo(4242);
                assertThat(local.deviceNum()).isEqualTo(3);
            });
            assertThat(store.peerIdentity("bob", 1)).get().isEqualTo(new byte[] {5, 9});
            assertThat(store.peerIdentity("bob", 2)).isEmpty();
            assertThat(store.preKey(7)).get().isEqualTo(new byte[] {7});
            assertThat(store.preKey(8)).isEmpty();
            assertThat(store.preKeyCount()).isEqualTo(1);
            assertThat(store.signedPreKeys()).singleElement().isEqualTo(new byte[] {11});
            assertThat(store.kyberPreKey(1)).get().extracting(SignalStore.KyberPreKey::lastResort).isEqualTo(true);
            assertThat(store.oneTimeKyberPreKeyCount()).isEqualTo(1);
            assertThat(store.markKyberBaseKeyUsed(1, 1, new byte[] {9, 9})).as("a replayed base key").isFalse();
            assertThat(store.markKyberBaseKeyUsed(1, 2, new byte[] {9, 9})).isTrue();
            assertThat(store.sessionDevices("bob")).containsExactly(1, 2);
            assertThat(store.session("bob", 2)).get().isEqualTo(new byte[] {32});
            store.removeSession("bob", 2);
            assertThat(store.sessionDevices("bob")).containsExactly(1);
            assertThat(store.senderKey("bob", 1, distribution)).get().isEqualTo(new byte[] {41});
            assertThat(store.senderKey("bob", 1, UUID.randomUUID())).isEmpty();
            assertThat(store.keyLog("bob")).contains("{\"seq\":1}");
            assertThat(store.reserveIds("preKey", 100)).isEqualTo(101);
            assertThat(store.reserveIds("kyberPreKey", 1)).isEqualTo(1);
        }
    }

    @Test
    void itSharesAFileWithTheSdksStoreWithoutTouchingItsVersion() {
        String path = dir.resolve("app.db").toString();
        int sdkVersion;
        try (SqliteStore sdk = SqliteStore.open(path)) {
            sdkVersion = sdk.schemaVersion();
        }
        try (SqliteSignalStore signal = SqliteSignalStore.open(path)) {
            signal.putPreKey(1, new byte[] {1});
        }
        try (SqliteStore sdk = SqliteStore.open(path); SqliteSignalStore signal = SqliteSignalStore.open(path)) {
            assertThat(sdk.schemaVersion()).isEqualTo(sdkVersion);
            assertThat(sdk.conversations()).isEmpty();
            assertThat(signal.preKeyCount()).isEqualTo(1);
        }
    }

    @Test
    void tablesWrittenByANewerSdkAreRefused() throws Exception {
        String path = dir.resolve("newer.db").toString();
        SqliteSignalStore.open(path).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + path); Statement s = db.createStatement()) {
            s.execute("UPDATE signal_schema SET version = " + (SqliteSignalMigrations.CURRENT + 1));
        }
        assertThatThrownBy(() -> SqliteSignalStore.open(path)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this SDK");
    }
}
