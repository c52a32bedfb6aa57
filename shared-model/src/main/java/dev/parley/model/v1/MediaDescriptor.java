package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A processed media item as messages carry it: its kind (MediaTypes.Kind, lower case), the uploaded content type and size in bytes, the pixel size of images and of the first page of PDFs, the page count of PDFs, whether the bytes are end-to-end encrypted, and the versions that exist (MediaTypes.VERSION_*), which getMediaUrl serves. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaDescriptor(String mediaId, String kind, String contentType, long size, Integer width, Integer height, Integer pages, boolean encrypted, List<String> versions) {
}
