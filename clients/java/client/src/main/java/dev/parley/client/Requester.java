package dev.parley.client;

import java.util.concurrent.CompletableFuture;

/** Sends one request and answers with its typed reply, or fails with a {@link ParleyException}. */
public interface Requester {
    <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType);
}
