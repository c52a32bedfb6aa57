package dev.parley.media.domain;

/**
 * Processing refuses an upload: the uploader sent something other than what it declared, or
 * something processing will not decode. Checked, so that every step that can refuse says so and
 * {@link ProcessUpload} turns each refusal into the one failure path.
 */
public final class UploadRejected extends Exception {
    private final String code;

    /** @param code a MediaTypes.FAILURE_* code; {@code reason} is for people and goes to the uploader */
    public UploadRejected(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public UploadRejected(String code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
