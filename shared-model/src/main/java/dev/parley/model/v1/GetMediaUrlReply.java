package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Reply to getMediaUrl: one URL per version, valid until {@code expiresAt} (epoch ms). CloudFront signed URLs on AWS, S3 presigned GET URLs locally. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetMediaUrlReply(String conversationId, String mediaId, Map<String, String> urls, long expiresAt) {
}
