package dev.parley.client.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a test client and the gateway, to take one device off the network and back
 * without touching the server: {@link #offline()} cuts every relayed connection (the client sees
 * its socket fail, as on a lost network) and refuses new ones until {@link #online()}. With a
 * connect rate, it plays API Gateway's new-connection quota, which the local emulator lacks:
 * connections over the rate in any one second are answered HTTP 429, as AWS does.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean offline;
    private volatile java.util.function.Predicate<String> cutWhen;
    private volatile boolean cut;
    private volatile int connectsPerSecond = Integer.MAX_VALUE;
    private final java.util.concurrent.ConcurrentHashMap<Long, java.util.concurrent.atomic.AtomicInteger> accepted =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Long, java.util.concurrent.atomic.AtomicInteger> attempts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();
    /** Upgrades the server behind the relay answered 429 (local-env's handshake limit). */
    private final java.util.concurrent.atomic.AtomicInteger throttledUpstream = new java.util.concurrent.atomic.AtomicInteger();

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void offline() {
        offline = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Once: when the server next sends a WebSocket frame whose bytes pass {@code test} (frames from the
     * server are not masked, so a reply can be recognised; each frame is tested on its own, also when
     * several arrive in one read), it and whatever follows it are dropped and the relay goes
     * {@link #offline}: the request was handled, the answer never arrives, and the server is
     * unreachable until {@link #online}, as during a gateway restart.
     */
    public void goOfflineBeforeServerSends(java.util.function.Predicate<String> test) {
        cutWhen = test;
    }

    /** Whether {@link #goOfflineBeforeServerSends} fired. */
    public boolean cut() {
        return cut;
    }

    public void online() {
        offline = false;
    }

    /** At most this many new connections are let through in any one wall-clock second. */
    public void limitConnectsPerSecond(int rate) {
        connectsPerSecond = rate;
    }

    /** Connections let through per epoch second. */
    public java.util.Map<Long, Integer> acceptedPerSecond() {
        java.util.Map<Long, Integer> copy = new java.util.TreeMap<>();
        accepted.forEach((second, count) -> copy.put(second, count.get()));
        return copy;
    }

    /** Connection attempts (let through, throttled or refused) per epoch second. */
    public java.util.Map<Long, Integer> attemptsPerSecond() {
        java.util.Map<Long, Integer> copy = new java.util.TreeMap<>();
        attempts.forEach((second, count) -> copy.put(second, count.get()));
        return copy;
    }

    public int throttled() {
        return throttled.get();
    }

    public int throttledUpstream() {
        return throttledUpstream.get();
    }

    public void resetCounters() {
        accepted.clear();
        attempts.clear();
        throttled.set(0);
        throttledUpstream.set(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                long second = System.currentTimeMillis() / 1000;
                attempts.computeIfAbsent(second, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                if (offline) {
                    closeQuietly(client);
                    continue;
                }
                if (accepted.computeIfAbsent(second, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet()
                        > connectsPerSecond) {
                    accepted.get(second).decrementAndGet();
                    throttled.incrementAndGet();
                    refuseWith429(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                boolean first = fromServer;
                ServerStream frames = new ServerStream();
                while ((n = in.read(buffer)) >= 0) {
                    if (first && new String(buffer, 0, Math.min(n, 12), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .startsWith("HTTP/1.1 429")) {
                        throttledUpstream.incrementAndGet();
                    }
                    first = false;
                    if (!fromServer) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    for (byte[] unit : frames.add(buffer, n)) {
                        java.util.function.Predicate<String> test = cutWhen;
                        if (test != null && test.test(new String(unit, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                            cutWhen = null;
                            cut = true;
                            offline();
                            return;
                        }
                        out.write(unit);
                    }
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed: close the other below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * What a server sends, cut into the units it is made of: the HTTP response head, then each
     * WebSocket frame whole (RFC 6455, 5.2). Bytes of an unfinished unit wait for the next read; a
     * response that does not switch protocols passes on as it comes.
     */
    static final class ServerStream {
        private byte[] pending = new byte[0];
        private boolean headDone;
        private boolean raw;

        List<byte[]> add(byte[] bytes, int n) {
            byte[] all = java.util.Arrays.copyOf(pending, pending.length + n);
            System.arraycopy(bytes, 0, all, pending.length, n);
            List<byte[]> units = new java.util.ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int end = raw ? all.length : headDone ? frameEnd(all, at) : headEnd(all, at);
                if (end < 0) {
                    break;
                }
                if (!headDone) {
                    headDone = true;
                    raw = !new String(all, at, Math.min(12, end - at), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .startsWith("HTTP/1.1 101");
                }
                units.add(java.util.Arrays.copyOfRange(all, at, end));
                at = end;
            }
            pending = java.util.Arrays.copyOfRange(all, at, all.length);
            return units;
        }

        private static int headEnd(byte[] all, int from) {
            for (int i = from; i + 3 < all.length; i++) {
                if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                    return i + 4;
                }
            }
            return -1;
        }

        /** Where the frame starting at {@code from} ends, or -1 while it is not all here. */
        private static int frameEnd(byte[] all, int from) {
            if (all.length - from < 2) {
                return -1;
            }
            int length = all[from + 1] & 0x7f;
            int header = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + ((all[from + 1] & 0x80) != 0 ? 4 : 0);
            if (all.length - from < header) {
                return -1;
            }
            long payload = length;
            if (length >= 126) {
                payload = 0;
                for (int i = 0; i < (length == 126 ? 2 : 8); i++) {
                    payload = payload << 8 | (all[from + 2 + i] & 0xff);
                }
            }
            long end = from + header + payload;
            return end <= all.length ? (int) end : -1;
        }
    }

    private static void refuseWith429(Socket client) {
        try (Socket refused = client; OutputStream out = refused.getOutputStream()) {
            out.write(("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: 32\r\n"
                    + "Connection: close\r\n\r\n{\"message\": \"Too Many Requests\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        offline();
        server.close();
    }
}
