package dev.parley.functions.domain.account;

import java.util.List;

/** Port: the media a user uploaded, found by uploader, and their removal (stored objects and item). */
public interface UploadedMedia {
    /** For deployments without media. */
    UploadedMedia NONE = new UploadedMedia() {
        @Override
        public List<Upload> uploadedBy(String userId) {
            return List.of();
        }

        @Override
        public void delete(List<Upload> uploads) {
        }
    };

    /** Every media item of the user still stored, whatever its status. */
    List<Upload> uploadedBy(String userId);

    /**
     * Deletes the uploads' objects and every stored version, then their items. Objects or items
     * already gone are no error; the items go last, so a crash leaves them to be found again.
     */
    void delete(List<Upload> uploads);

    /** One uploaded media item and the conversation its objects are stored under. */
    record Upload(String mediaId, String conversationId) {
    }
}
