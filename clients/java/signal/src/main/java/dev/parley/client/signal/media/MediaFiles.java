package dev.parley.client.signal.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyApi;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.signal.store.SignalStore;
import dev.parley.model.ProtocolCodec;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;

/**
 * Files in E2EE conversations (docs/e2ee.md#media): {@link #seal} encrypts a file with a fresh
 * {@link MediaCipher} key before the outbox uploads it (encrypted: true); the key, digest, size
 * and real type travel inside the message and are kept by every device that opens it
 * ({@link #remember}); {@link #download} fetches the encrypted bytes and decrypts them.
 */
public final class MediaFiles {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final SignalStore store;

    public MediaFiles(SignalStore store) {
        this.store = store;
    }

    /** What a reader gets: the file's bytes and the type the sender gave (the server saw application/octet-stream). */
    public record DecryptedMedia(byte[] bytes, String contentType) {
    }

    /** Encrypts the file into a temporary file; the secret is the key's JSON (key, digest, size, contentType). */
    public MessageCipher.SealedFile seal(File plaintext, String contentType) throws IOException {
        File blob = File.createTempFile("parley-media-", ".enc");
        MediaCipher.MediaKey key;
        try (InputStream in = new FileInputStream(plaintext); OutputStream out = new FileOutputStream(blob)) {
            key = MediaCipher.encrypt(in, out);
        } catch (IOException e) {
            blob.delete();
            throw e;
        }
        ObjectNode secret = JSON.createObjectNode();
        secret.put("key", Base64.getEncoder().encodeToString(key.key()));
        secret.put("digest", Base64.getEncoder().encodeToString(key.digest()));
        secret.put("size", key.plaintextSize());
        secret.put("contentType", contentType);
        return new MessageCipher.SealedFile(blob, secret.toString());
    }

    /** Keeps a media key from a message this device sent or opened (its content's {@code media} entries). */
    public void remember(JsonNode mediaEntry) {
        String mediaId = mediaEntry.path("mediaId").asText("");
        if (!mediaId.isEmpty()) {
            ObjectNode key = mediaEntry.deepCopy();
            key.remove("mediaId");
            store.putMediaKey(mediaId, key.toString());
        }
    }

    /**
     * Downloads the file's encrypted original ({@code getMediaUrl}) and decrypts it. Fails with
     * {@link MediaCipher.TamperedMediaException} when the bytes are not what the key's digest and MAC
     * say, and IllegalStateException when this device never received the file's key.
     */
    public CompletableFuture<DecryptedMedia> download(ParleyApi api, OkHttpClient http, String conversationId, String mediaId) {
        String keyJson = store.mediaKey(mediaId).orElse(null);
        if (keyJson == null) {
            CompletableFuture<DecryptedMedia> none = new CompletableFuture<>();
            none.completeExceptionally(new IllegalStateException("no key for media " + mediaId
                    + ": it came in a message this device could not open, or was never sent to it"));
            return none;
        }
        return api.getMediaUrl(conversationId, mediaId, Collections.singletonList("original"))
                .thenCompose(reply -> get(http, reply.urls().get("original")))
                .thenApply(blob -> {
                    try {
                        JsonNode key = JSON.readTree(keyJson);
                        byte[] bytes = MediaCipher.decrypt(blob, new MediaCipher.MediaKey(
                                Base64.getDecoder().decode(key.path("key").asText()),
                                Base64.getDecoder().decode(key.path("digest").asText()), key.path("size").asLong()));
                        return new DecryptedMedia(bytes, key.path("contentType").asText(null));
                    } catch (MediaCipher.TamperedMediaException | IOException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
    }

    private static CompletableFuture<byte[]> get(OkHttpClient http, String url) {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        if (url == null) {
            done.completeExceptionally(new IOException("getMediaUrl gave no original URL"));
            return done;
        }
        http.newCall(new Request.Builder().url(url).get().build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (ResponseBody body = response.body()) {
                    if (!response.isSuccessful() || body == null) {
                        done.completeExceptionally(new IOException("the download got HTTP " + response.code()));
                    } else {
                        done.complete(body.bytes());
                    }
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
