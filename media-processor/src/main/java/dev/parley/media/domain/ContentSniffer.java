package dev.parley.media.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells what a file really is from its first bytes. A declared Content-Type is the client's claim:
 * the presigned form pins it, but anything can be uploaded under it, so processing trusts only
 * these signatures. {@link #HEAD_BYTES} bytes are enough for every accepted type.
 */
public final class ContentSniffer {
    /** How many leading bytes {@link #matches} needs: the longest signature (WebP's) ends at byte 12. */
    public static final int HEAD_BYTES = 64;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private ContentSniffer() {
    }

    /** True when {@code head} (the file's first bytes) carries the signature of {@code contentType}. */
    public static boolean matches(String contentType, byte[] head) {
        return switch (contentType) {
            case "image/jpeg" -> startsWith(head, 0, JPEG);
            case "image/png" -> startsWith(head, 0, PNG);
            case "image/gif" -> ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a");
            case "image/webp" -> ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP");
            case "application/pdf" -> ascii(head, 0, "%PDF-");
            case "video/mp4", "audio/mp4" -> ascii(head, 4, "ftyp");
            case "video/quicktime" -> ascii(head, 4, "ftyp") || quickTimeAtom(head);
            case "video/webm" -> startsWith(head, 0, EBML);
            case "audio/mpeg" -> ascii(head, 0, "ID3") || mpegFrameSync(head);
            case "audio/ogg" -> ascii(head, 0, "OggS");
            default -> false;
        };
    }

    /** What the bytes look like, for the failure reason the uploader reads; empty when unrecognised. */
    public static Optional<String> describe(byte[] head) {
        String[] candidates = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "video/webm",
                "audio/ogg", "audio/mpeg"};
        for (String candidate : candidates) {
            if (matches(candidate, head)) {
                return Optional.of(candidate);
            }
        }
        if (ascii(head, 4, "ftyp")) {
            return Optional.of("an ISO media file (brand " + text(head, 8, 4).strip() + ")");
        }
        if (ascii(head, 0, "#!")) {
            return Optional.of("a script");
        }
        return Optional.empty();
    }

    /**
     * QuickTime files written before ISO BMFF have no {@code ftyp} box and start straight with an
     * atom; these are the ones seen first in the wild.
     */
    private static boolean quickTimeAtom(byte[] head) {
        return ascii(head, 4, "moov") || ascii(head, 4, "mdat") || ascii(head, 4, "wide") || ascii(head, 4, "free");
    }

    /** An MPEG audio frame header without an ID3 tag: 11 set bits of frame sync. */
    private static boolean mpegFrameSync(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
    }

    private static boolean ascii(byte[] head, int offset, String signature) {
        return startsWith(head, offset, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] head, int offset, byte[] signature) {
        return head.length >= offset + signature.length
                && Arrays.equals(head, offset, offset + signature.length, signature, 0, signature.length);
    }

    private static String text(byte[] head, int offset, int length) {
        int end = Math.min(head.length, offset + length);
        return offset >= end ? "" : new String(head, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
