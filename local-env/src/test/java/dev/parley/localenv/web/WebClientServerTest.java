package dev.parley.localenv.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web client's server over real HTTP: the files, config.json, and nothing else. */
class WebClientServerTest {
    @TempDir
    static Path parent;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WebClientServer server;

    @BeforeAll
    static void serveAClientDirectory() throws Exception {
        Path root = Files.createDirectories(parent.resolve("web"));
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>Parley</title>");
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/main.js"), "export const ok = true;\n");
        Files.createDirectories(root.resolve("node_modules/x"));
        Files.writeString(root.resolve("node_modules/x/index.js"), "secret");
        Files.createDirectories(root.resolve("test"));
        Files.writeString(root.resolve("test/a.test.js"), "secret");
        Files.writeString(root.resolve(".env"), "secret");
        Files.writeString(parent.resolve("outside.txt"), "secret");
        server = new WebClientServer(root, new WebClientConfig("ws://localhost:1/prod", "us-east-1", "http://localhost:2/",
                "us-east-1_pool", "client", "password", List.of("alice", "bob"), "pw"));
        server.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_root_serves_index_html_and_modules_are_javascript_never_cached_without_asking() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Parley</title>");
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> module = get("/src/main.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).matches("(text|application)/javascript.*"));
        assertThat(module.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void config_json_tells_the_browser_where_to_connect_and_sign_in() throws Exception {
        HttpResponse<String> config = get("/config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(config.body()).contains("\"webSocketUrl\":\"ws://localhost:1/prod\"", "\"userPoolClientId\":\"client\"",
                "\"demoUsers\":[\"alice\",\"bob\"]");
    }

    @Test
    void dependencies_tests_hidden_files_directories_and_missing_files_are_not_found() throws Exception {
        for (String path : List.of("/node_modules/x/index.js", "/test/a.test.js", "/.env", "/src/", "/nope.js")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(404, 403);
            assertThat(response.body()).as(path).doesNotContain("secret", "export const");
        }
    }

    @Test
    void a_path_that_climbs_out_of_the_root_is_refused_even_written_raw() throws Exception {
        for (String path : List.of("/../outside.txt", "/src/../../outside.txt", "/%2e%2e/outside.txt", "/src/%2e%2e/%2e%2e/outside.txt")) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).startsWith("HTTP/1.1 4").doesNotContain("secret");
        }
    }

    /** Over a plain socket: HttpClient would normalise the path before sending it. */
    private static String raw(String request) throws IOException {
        URI url = server.url();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
