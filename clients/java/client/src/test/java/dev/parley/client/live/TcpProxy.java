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
     * Once: when the server next sends bytes that pass {@code test} (WebSocket frames from the
     * server are not masked, so a reply can be recognised), they are dropped and the relay goes
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
                while ((n = in.read(buffer)) >= 0) {
                    if (first && new String(buffer, 0, Math.min(n, 12), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .startsWith("HTTP/1.1 429")) {
                        throttledUpstream.incrementAndGet();
                    }
                    first = false;
                    java.util.function.Predicate<String> test = cutWhen;
                    if (fromServer && test != null
                            && test.test(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                        cutWhen = null;
                        cut = true;
                        offline();
                        return;
                    }
                    out.write(buffer, 0, n);
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
