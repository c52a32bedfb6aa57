package dev.parley.client.signal.media;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts a file before upload, as Signal does its attachments: a fresh 64-byte key (AES-256
 * and HMAC-SHA256 halves), {@code iv (16) || AES-256-CBC/PKCS7 ciphertext || HMAC-SHA256(iv ||
 * ciphertext) (32)}, and the SHA-256 digest of that whole blob. The server stores the blob
 * (requestUpload with {@code encrypted: true}); the {@link MediaKey} travels inside the
 * end-to-end encrypted message, so only the recipients can find and open the file.
 *
 * <p>Streams: encryption is one pass; decryption reads the blob twice (MAC and digest first, then
 * the plaintext), so no byte of a forged file reaches the output.
 */
public final class MediaCipher {
    private static final int IV = 16;
    private static final int MAC = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MediaCipher() {
    }

    /** The key and digest to send inside the message, with the plaintext's size. */
    public record MediaKey(byte[] key, byte[] digest, long plaintextSize) {
    }

    /** The encrypted blob is refused: altered, truncated, or not for this key. */
    public static final class TamperedMediaException extends Exception {
        public TamperedMediaException(String message) {
            super(message);
        }
    }

    /** A source that can be read more than once (a file, or bytes). */
    public interface Source {
        InputStream open() throws IOException;
    }

    public static MediaKey encrypt(InputStream plaintext, OutputStream out) throws IOException {
        byte[] key = new byte[64];
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 32, "AES"), new IvParameterSpec(iv));
            Mac mac = mac(key);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            write(out, iv, mac, digest);
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read; (read = plaintext.read(buffer)) != -1; ) {
                size += read;
                byte[] block = aes.update(buffer, 0, read);
                if (block != null) {
                    write(out, block, mac, digest);
                }
            }
            write(out, aes.doFinal(), mac, digest);
            byte[] tag = mac.doFinal();
            out.write(tag);
            digest.update(tag);
            return new MediaKey(key, digest.digest(), size);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC and HMAC-SHA256 are on every Java and Android platform", e);
        }
    }

    public static MediaKey encrypt(byte[] plaintext, OutputStream out) throws IOException {
        return encrypt(new ByteArrayInputStream(plaintext), out);
    }

    /** Checks the blob's MAC and digest, then writes its plaintext to {@code out}. */
    public static void decrypt(Source blob, MediaKey key, OutputStream out) throws IOException, TamperedMediaException {
        if (key.key().length != 64) {
            throw new TamperedMediaException("a media key is 64 bytes, not " + key.key().length);
        }
        long length = verify(blob, key);
        try (InputStream in = blob.open()) {
            byte[] iv = new byte[IV];
            for (int at = 0; at < IV; ) {
                int read = in.read(iv, at, IV - at);
                if (read == -1) {
                    throw new TamperedMediaException("the blob changed between its check and its decryption");
                }
                at += read;
            }
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.key(), 0, 32, "AES"), new IvParameterSpec(iv));
            long remaining = length - IV - MAC;
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read == -1) {
                    throw new TamperedMediaException("the blob changed between its check and its decryption");
                }
                remaining -= read;
                byte[] block = aes.update(buffer, 0, read);
                if (block != null) {
                    size += block.length;
                    out.write(block);
                }
            }
            byte[] last = aes.doFinal();
            size += last.length;
            out.write(last);
            if (size != key.plaintextSize()) {
                throw new TamperedMediaException("the plaintext is " + size + " bytes, the message says " + key.plaintextSize());
            }
        } catch (GeneralSecurityException e) {
            throw new TamperedMediaException("the blob does not decrypt: " + e.getMessage());
        }
    }

    public static byte[] decrypt(byte[] blob, MediaKey key) throws TamperedMediaException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            decrypt(() -> new ByteArrayInputStream(blob), key, out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory streams do not fail", e);
        }
        return out.toByteArray();
    }

    /** The blob's length once its MAC and digest match. */
    private static long verify(Source blob, MediaKey key) throws IOException, TamperedMediaException {
        try (InputStream in = blob.open()) {
            Mac mac = mac(key.key());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // The last 32 bytes are the tag: hold them back until the end is known.
            byte[] tail = new byte[0];
            byte[] buffer = new byte[64 * 1024];
            long length = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                length += read;
                digest.update(buffer, 0, read);
                byte[] joined = new byte[tail.length + read];
                System.arraycopy(tail, 0, joined, 0, tail.length);
                System.arraycopy(buffer, 0, joined, tail.length, read);
                int keep = Math.min(MAC, joined.length);
                mac.update(joined, 0, joined.length - keep);
                tail = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
            }
            if (length < IV + MAC + 16) {
                throw new TamperedMediaException("the blob is " + length + " bytes, too short to be one");
            }
            if (!MessageDigest.isEqual(mac.doFinal(), tail)) {
                throw new TamperedMediaException("the blob's MAC does not match: it was altered or is not for this key");
            }
            if (!MessageDigest.isEqual(digest.digest(), key.digest())) {
                throw new TamperedMediaException("the blob's digest is not the one the message names");
            }
            return length;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 and SHA-256 are on every Java and Android platform", e);
        }
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, 32, 32, "HmacSHA256"));
        return mac;
    }

    private static void write(OutputStream out, byte[] bytes, Mac mac, MessageDigest digest) throws IOException {
        out.write(bytes);
        mac.update(bytes);
        digest.update(bytes);
    }
}
