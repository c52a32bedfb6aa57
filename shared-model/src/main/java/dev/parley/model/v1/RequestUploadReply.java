package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply to requestUpload: the new media id, the form for the file, the form for the thumbnail when one was asked for, and when both forms expire (epoch ms). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestUploadReply(String conversationId, String mediaId, UploadForm upload, UploadForm thumbnailUpload, long expiresAt) {
}
