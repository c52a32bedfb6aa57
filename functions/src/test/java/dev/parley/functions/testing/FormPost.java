package dev.parley.functions.testing;

import dev.parley.model.v1.UploadForm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Sends an upload form as a browser does: {@code multipart/form-data} with every field of the form,
 * then the file as the last part, named {@code file}.
 */
public final class FormPost {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FormPost() {
    }

    public static HttpResponse<String> send(UploadForm form, byte[] file) throws IOException, InterruptedException {
        return send(form.url(), form.fields(), file);
    }

    /** With fields of the caller's choosing, to tamper with a form. */
    public static HttpResponse<String> send(String url, Map<String, String> fields, byte[] file)
            throws IOException, InterruptedException {
        String boundary = "parley-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
