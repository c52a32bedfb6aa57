package dev.parley.functions.adapter.cloudfront;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed URLs as CloudFront checks them: the canned policy's RSA-SHA1 signature under the key group's public key. */
class CloudFrontMediaUrlsTest {
    private static KeyPair keys;

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void a_url_carries_its_expiry_key_pair_id_and_a_signature_the_public_key_verifies() throws Exception {
        Instant expiresAt = Instant.parse("2026-03-01T12:15:00Z");
        String key = "media/g_0123456789abcdef0123456789abcdef/m_aaaaaaaaaaaaaaaaaaaaaaaaaa/display";
        CloudFrontMediaUrls urls = new CloudFrontMediaUrls("d111111abcdef8.cloudfront.net", "K2JCJMDEHXQW5F",
                () -> CloudFrontMediaUrls.privateKey(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));

        String url = urls.url(key, expiresAt);

        assertThat(url).startsWith("https://d111111abcdef8.cloudfront.net/" + key + "?");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("Expires", Long.toString(expiresAt.getEpochSecond()))
                .containsEntry("Key-Pair-Id", "K2JCJMDEHXQW5F");
        String policy = "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/" + key
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expiresAt.getEpochSecond() + "}}}]}";
        byte[] signature = Base64.getDecoder().decode(query.get("Signature").replace('-', '+').replace('_', '=').replace('~', '/'));
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void a_pkcs1_pem_reads_as_the_same_key_as_its_pkcs8_form() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

        assertThat(CloudFrontMediaUrls.privateKey(pem("RSA PRIVATE KEY", pkcs1))).isEqualTo(keys.getPrivate());
    }
}
