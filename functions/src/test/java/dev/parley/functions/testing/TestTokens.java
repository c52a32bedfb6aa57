package dev.parley.functions.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs tokens shaped like Cognito access tokens (the same claims moto 5.2.5 issues: iss, sub,
 * client_id, token_use, iat, auth_time, exp, jti, username, origin_jti, scope).
 */
public final class TestTokens {
    public static final String REGION = "us-east-1";
    public static final String POOL_ID = "us-east-1_TestPool1";
    public static final String ISSUER = "https://cognito-idp." + REGION + ".amazonaws.com/" + POOL_ID;
    public static final String CLIENT_ID = "parleyclient1";
    public static final String OTHER_ACCEPTED_CLIENT_ID = "parleyclient2";
    public static final String USER_ID = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    public static final String USERNAME = "alice";

    private TestTokens() {
    }

    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid access token issued {@code now}, valid for an hour. */
    public static JWTClaimsSet.Builder accessClaims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(USER_ID)
                .claim("client_id", CLIENT_ID)
                .claim("token_use", "access")
                .issueTime(Date.from(now))
                .claim("auth_time", now.getEpochSecond())
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", USERNAME)
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("scope", "aws.cognito.signin.user.admin");
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token signed with {@code key}. */
    public static String valid(RSAKey key) {
        return sign(key, accessClaims(Instant.now()).build());
    }

    /** {@code alg: none}: claims with no signature at all. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * The classic algorithm confusion: HS256 with the server's public RSA key as the HMAC secret,
     * which a verifier that lets the token pick the algorithm would accept.
     */
    public static String hs256WithPublicKeyAsSecret(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
