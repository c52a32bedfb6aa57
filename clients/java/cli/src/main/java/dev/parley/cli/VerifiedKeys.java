package dev.parley.cli;

import org.signal.libsignal.protocol.IdentityKey;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

/**
 * The peer devices the user marked verified, each with the identity key it had then: a mark
 * holds only while the key is the same, so a changed key is never shown as verified. Kept in a
 * file next to the chat's stores ({@code <user>-<device>-verified.properties}).
 */
final class VerifiedKeys {
    private final Path file;
    private final Properties marks = new Properties();

    VerifiedKeys(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                marks.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized boolean isVerified(String userId, int deviceNum, IdentityKey key) {
        return key != null && encode(key).equals(marks.getProperty(userId + "." + deviceNum));
    }

    synchronized void mark(String userId, int deviceNum, IdentityKey key) {
        marks.setProperty(userId + "." + deviceNum, encode(key));
        try (Writer writer = Files.newBufferedWriter(file)) {
            marks.store(writer, "peer devices marked verified with /verify confirm: userId.deviceNum=identity key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String encode(IdentityKey key) {
        return Base64.getEncoder().encodeToString(key.serialize());
    }
}
