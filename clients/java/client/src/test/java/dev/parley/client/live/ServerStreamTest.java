package dev.parley.client.live;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay tests what a server sends frame by frame, however the reads cut it. */
class ServerStreamTest {
    private static final String HEAD = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

    @Test
    void framesArrivingInOneReadComeOutOneByOne() {
        String sync = "{\"type\":\"reply\",\"conversations\":[]}";
        String sent = "{\"type\":\"reply\",\"seq\":1,\"sentAt\":\"2026-12-08T00:00:00Z\"}";
        byte[] all = concat(HEAD.getBytes(StandardCharsets.ISO_8859_1), frame(sync), frame(sent));

        List<String> units = texts(new TcpProxy.ServerStream().add(all, all.length));

        assertThat(units).containsExactly(HEAD, text(frame(sync)), text(frame(sent)));
        // What ServerRestartTest cuts on: only the send's reply, although both came in one read.
        assertThat(units).filteredOn(u -> u.contains("\"sentAt\"") && !u.contains("\"conversations\"")).hasSize(1);
    }

    @Test
    void aFrameSplitOverReadsComesOutWholeOnceItsLastByteArrives() {
        String big = "x".repeat(70_000); // a 64-bit length
        String mid = "y".repeat(300); // a 16-bit length
        byte[] all = concat(HEAD.getBytes(StandardCharsets.ISO_8859_1), frame(mid), frame(big));
        TcpProxy.ServerStream stream = new TcpProxy.ServerStream();
        List<String> units = new ArrayList<>();
        for (int at = 0; at < all.length; at += 7) {
            byte[] read = java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + 7));
            units.addAll(texts(stream.add(read, read.length)));
        }
        assertThat(units).containsExactly(HEAD, text(frame(mid)), text(frame(big)));
    }

    @Test
    void aResponseThatDoesNotSwitchProtocolsPassesAsItComes() {
        byte[] refused = "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(String.join("", texts(new TcpProxy.ServerStream().add(refused, refused.length))))
                .isEqualTo(text(refused));
    }

    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xffff) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<String> texts(List<byte[]> units) {
        return units.stream().map(ServerStreamTest::text).toList();
    }
}
