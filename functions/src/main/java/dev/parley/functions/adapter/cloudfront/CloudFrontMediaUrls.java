package dev.parley.functions.adapter.cloudfront;

import dev.parley.functions.domain.media.MediaUrls;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Download URLs as CloudFront signed URLs with a canned policy (one URL, one expiry): the bucket
 * stays private, CloudFront reads it through origin access control, and only URLs signed with the
 * key group's private key are served. Signed locally with the SDK's CloudFrontUtilities: no AWS
 * call per URL. The private key comes from Secrets Manager, fetched on the first URL and kept for
 * the life of the process: constructing this makes no call, so a function starts (and a SnapStart
 * snapshot is taken) without the network and without the key in the snapshot.
 */
public final class CloudFrontMediaUrls implements MediaUrls {
    private final CloudFrontUtilities utilities = CloudFrontUtilities.create();
    private final String domain;
    private final String keyPairId;
    private final Supplier<PrivateKey> keySource;
    private volatile PrivateKey privateKey;

    /**
     * @param domain    the distribution's host name, such as {@code d111111abcdef8.cloudfront.net}
     * @param keyPairId the id of the public key in the distribution's trusted key group
     * @param keySource the private key, asked for once, on the first URL
     */
    public CloudFrontMediaUrls(String domain, String keyPairId, Supplier<PrivateKey> keySource) {
        this.domain = domain;
        this.keyPairId = keyPairId;
        this.keySource = keySource;
    }

    @Override
    public String url(String key, Instant expiresAt) {
        return utilities.getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                        .resourceUrl("https://" + domain + "/" + key)
                        .privateKey(privateKey())
                        .keyPairId(keyPairId)
                        .expirationDate(expiresAt)
                        .build())
                .url();
    }

    /** Signing with the PEM private key of a Secrets Manager secret, read on the first URL (one GetSecretValue per process). */
    public static CloudFrontMediaUrls withKeyFromSecret(String domain, String keyPairId, SecretsManagerClient secrets, String secretId) {
        return new CloudFrontMediaUrls(domain, keyPairId,
                () -> privateKey(secrets.getSecretValue(get -> get.secretId(secretId)).secretString()));
    }

    private PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            synchronized (this) {
                if (privateKey == null) {
                    privateKey = keySource.get();
                }
                key = privateKey;
            }
        }
        return key;
    }

    /**
     * An RSA private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
     * ({@code BEGIN RSA PRIVATE KEY}), the two encodings Node's generateKeyPairSync and openssl write.
     */
    public static PrivateKey privateKey(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String body = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PEM", e);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING { key } }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(version);
        content.writeBytes(algorithm);
        content.writeBytes(der(0x04, pkcs1));
        return der(0x30, content.toByteArray());
    }

    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
