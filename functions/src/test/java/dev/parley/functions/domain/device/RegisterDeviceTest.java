package dev.parley.functions.domain.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterDeviceTest {
    private static final Instant FIRST = Instant.parse("2026-03-01T12:00:00Z");
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();

    private void connectAt(Instant at, String platform) {
        new RegisterDevice(devices, Clock.fixed(at, ZoneOffset.UTC)).register("user-1", "iphone", platform);
    }

    @Test
    void a_device_keeps_when_it_was_first_seen_and_moves_when_it_was_last_seen() {
        connectAt(FIRST, "ios");
        connectAt(FIRST.plusSeconds(60), "ios");

        assertThat(devices.list("user-1")).singleElement().satisfies(device -> {
            assertThat(device.firstSeenAt()).isEqualTo(FIRST);
            assertThat(device.lastSeenAt()).isEqualTo(FIRST.plusSeconds(60));
            assertThat(device.platform()).isEqualTo("ios");
        });
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"ios,ios", "ANDROID,android", " web ,web", "windows,unknown", "null,unknown", "'',unknown"})
    void the_platform_is_one_of_the_known_ones_or_unknown(String requested, String recorded) {
        assertThat(DeviceRecord.platformOf(requested)).isEqualTo(recorded);
    }
}
