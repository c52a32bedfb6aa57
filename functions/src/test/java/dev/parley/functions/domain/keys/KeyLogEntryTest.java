package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.FailureException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key log's hash chain as docs/protocol/e2ee.md states it; the expected hashes were computed apart (Python's hashlib). */
class KeyLogEntryTest {
    private static final byte[] IDENTITY = Base64.getDecoder().decode("BQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");

    @Test
    void the_first_entry_chains_onto_32_zero_bytes_and_the_next_onto_its_hash() {
        KeyLogEntry first = KeyLogEntry.after(null, 2, 4711, IDENTITY, KeyLogEntry.Change.ADDED, Instant.ofEpochMilli(1767225600000L));
        KeyLogEntry second = KeyLogEntry.after(first, 2, 4712, IDENTITY, KeyLogEntry.Change.REINSTALLED,
                Instant.ofEpochMilli(1767225600001L));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(new byte[32]);
        assertThat(PublicKey.encode(first.hash())).isEqualTo("2RYWmGpZgxNUfv4ze4tKeXhFq/Uz+doRZRcwApO/CKU=");
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(PublicKey.encode(second.hash())).isEqualTo("XUCTTTZuqAYiZF9qrAAwiMer+MZG80Oap7stUVSH5FI=");
    }

    @Test
    void keys_are_refused_for_base64_length_and_the_ec_type_byte_naming_the_field() {
        assertThat(PublicKey.ec("BQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f", "identityKey")).isEqualTo(IDENTITY);
        assertThatThrownBy(() -> PublicKey.ec("not base64!", "identityKey"))
                .isInstanceOf(FailureException.class).hasMessageContaining("identityKey").hasMessageContaining("base64");
        assertThatThrownBy(() -> PublicKey.ec("AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f", "identityKey"))
                .isInstanceOf(FailureException.class).hasMessageContaining("0x05");
        assertThatThrownBy(() -> PublicKey.kyber(Base64.getEncoder().encodeToString(new byte[1568]), "kyberLastResortKey.publicKey"))
                .isInstanceOf(FailureException.class).hasMessageContaining("1569 bytes, not 1568");
        assertThatThrownBy(() -> PublicKey.keyId(16777216, "oneTimePreKeys[0].keyId"))
                .isInstanceOf(FailureException.class).hasMessageContaining("oneTimePreKeys[0].keyId");
    }
}
