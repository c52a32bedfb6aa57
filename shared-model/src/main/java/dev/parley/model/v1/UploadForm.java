package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** A presigned S3 POST: send {@code multipart/form-data} to {@code url} with every field of {@code fields}, in any order, then the file as the last part, named {@code file}. The form fixes the key, the Content-Type and the exact size, and expires at the reply's {@code expiresAt}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadForm(String url, Map<String, String> fields) {
}
