package dev.parley.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmCpuTest {

    @Test
    void the_process_cpu_time_grows_with_work_done() {
        long before = JvmCpu.nanos();
        long deadline = System.nanoTime() + 50_000_000;
        long spins = 0;
        while (System.nanoTime() < deadline) {
            spins++;
        }

        assertThat(spins).isPositive();
        assertThat(JvmCpu.nanos()).isGreaterThan(before);
    }

    @Test
    void a_phase_prints_its_cpu_per_frame_out() {
        assertThat(JvmCpu.perFrame(4_210_000_000L, 19_990))
                .isEqualTo("; this JVM: 4,210 ms CPU, 19,990 frames out, 0.21 ms a frame");
    }

    @Test
    void a_phase_without_frames_out_prints_its_cpu_whole() {
        assertThat(JvmCpu.perFrame(12_000_000L, 0)).isEqualTo("; this JVM: 12 ms CPU, 0 frames out, 12.00 ms a frame");
    }
}
