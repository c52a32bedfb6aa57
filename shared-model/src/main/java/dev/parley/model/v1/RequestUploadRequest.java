package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** requestUpload: ask for a presigned POST to upload one file of the declared type and exact size to a conversation. {@code encrypted} (default false) stores the bytes untouched; it is required in end-to-end encrypted conversations. {@code thumbnailSize}, for video and encrypted uploads only, also asks for a form for a client-made thumbnail of that exact size (see MediaTypes). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestUploadRequest(String conversationId, String contentType, Long size, Boolean encrypted, Long thumbnailSize) {
}
