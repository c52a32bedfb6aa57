package dev.parley.functions.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves a JWKS on a random loopback port, as Cognito (or moto) does, counts the fetches, and can fail them. */
public final class JwksServer implements AutoCloseable {
    public static final String PATH = "/us-east-1_TestPool1/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String body = new JWKSet().toString();
    private volatile int failureStatus;

    public JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, exchange -> {
            fetches.incrementAndGet();
            if (failureStatus != 0) {
                exchange.sendResponseHeaders(failureStatus, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Replaces the served key set with the public halves of these keys. */
    public void publish(JWK... keys) {
        body = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Answers every fetch with this HTTP status and no body, as an overloaded endpoint does, until {@link #recover}. */
    public void failWith(int status) {
        failureStatus = status;
    }

    public void recover() {
        failureStatus = 0;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
