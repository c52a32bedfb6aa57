package dev.parley.localenv.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A template value that refers to a resource local-env deliberately does not emulate (CloudFront,
 * the media signing key): there is nothing to resolve it to. A function variable holding such a
 * value is left unset locally, which is how the functions know to use the local alternative
 * (S3 presigned GET URLs instead of CloudFront signed URLs).
 */
public final class NotEmulatedLocallyException extends IllegalStateException {
    private final String logicalId;

    public NotEmulatedLocallyException(String logicalId, JsonNode value) {
        super("Not emulated locally: " + logicalId + " in " + value);
        this.logicalId = logicalId;
    }

    public String logicalId() {
        return logicalId;
    }
}
