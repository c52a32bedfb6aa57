package dev.parley.client.outbox;

import dev.parley.client.ParleyApi;
import dev.parley.client.store.Attachment;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.RequestUploadRequest;
import dev.parley.model.v1.UploadForm;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The upload step of an outbox entry with a file (docs/protocol/media.md): requestUpload, the
 * form POSTed with the file as its last part, then the wait for {@code mediaReady}. The result
 * is the processed media's descriptor, whose id the send names. Its failures are
 * {@link MediaRefused} (for good: the entry is stuck) or anything else (retried from the start).
 */
final class MediaUpload {
    private final ParleyApi api;
    private final OkHttpClient http;
    private final ScheduledExecutorService timer;
    private final long readyTimeoutMillis;
    private final Map<String, CompletableFuture<MediaDescriptor>> waiting = new ConcurrentHashMap<>();

    MediaUpload(ParleyApi api, OkHttpClient http, ScheduledExecutorService timer, long readyTimeoutMillis) {
        this.api = api;
        this.http = http;
        this.timer = timer;
        this.readyTimeoutMillis = readyTimeoutMillis;
    }

    /** Refused for good: by processing ({@code mediaFailed}), by the storage (a 4xx to the POST), or the file is gone. */
    static final class MediaRefused extends RuntimeException {
        final String code;

        MediaRefused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** @param encrypted the file is end-to-end encrypted (an E2EE conversation): uploaded as it is, never processed */
    CompletableFuture<MediaDescriptor> upload(String conversationId, Attachment attachment, boolean encrypted) {
        File file = new File(attachment.path());
        if (!file.isFile()) {
            CompletableFuture<MediaDescriptor> missing = new CompletableFuture<>(); // failedFuture is not on Android 26
            missing.completeExceptionally(new MediaRefused("FILE_MISSING", "the file " + file + " is no longer there"));
            return missing;
        }
        return api.requestUpload(new RequestUploadRequest(conversationId, attachment.contentType(), file.length(),
                        encrypted ? Boolean.TRUE : null, null))
                .thenCompose(reply -> {
                    // Waiting before the POST: processing may finish before the POST's answer arrives.
                    CompletableFuture<MediaDescriptor> ready = new CompletableFuture<>();
                    waiting.put(reply.mediaId(), ready);
                    timer.schedule(() -> ready.completeExceptionally(new IOException(
                            "no mediaReady for " + reply.mediaId() + " within " + readyTimeoutMillis + " ms")),
                            readyTimeoutMillis, TimeUnit.MILLISECONDS);
                    ready.whenComplete((descriptor, error) -> waiting.remove(reply.mediaId()));
                    post(reply.upload(), file, attachment.contentType()).whenComplete((ignored, error) -> {
                        if (error != null) {
                            ready.completeExceptionally(error);
                        }
                    });
                    return ready;
                });
    }

    void ready(MediaReadyEvent event) {
        CompletableFuture<MediaDescriptor> ready = waiting.get(event.media().mediaId());
        if (ready != null) {
            ready.complete(event.media());
        }
    }

    void failed(MediaFailedEvent event) {
        CompletableFuture<MediaDescriptor> ready = waiting.get(event.mediaId());
        if (ready != null) {
            ready.completeExceptionally(new MediaRefused(event.code(), event.reason()));
        }
    }

    /** Every field of the form, then the file as the last part, named {@code file}. */
    private CompletableFuture<Void> post(UploadForm form, File file, String contentType) {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        form.fields().forEach(body::addFormDataPart);
        body.addFormDataPart("file", file.getName(), RequestBody.create(file, MediaType.get(contentType)));
        CompletableFuture<Void> done = new CompletableFuture<>();
        http.newCall(new Request.Builder().url(form.url()).post(body.build()).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (response.isSuccessful()) {
                        done.complete(null);
                    } else if (response.code() >= 400 && response.code() < 500) {
                        done.completeExceptionally(new MediaRefused("UPLOAD_REFUSED",
                                "the storage refused the upload: HTTP " + response.code()));
                    } else {
                        done.completeExceptionally(new IOException("the upload got HTTP " + response.code()));
                    }
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
