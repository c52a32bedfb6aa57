package dev.parley.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the user pool is shipped, read from CDK context (docs/identity.md lists every key).
 *
 * <p>Credentials never appear in context or in the template: context only <em>names</em> an SSM
 * parameter (keys ending in {@code Parameter}) or a Secrets Manager secret (keys ending in
 * {@code SecretName}), and CloudFormation resolves them at deploy time through dynamic references.
 *
 * @param mfaRequired TOTP is required of every user (context {@code mfa=required}); optional by default
 * @param threatProtection Cognito threat protection (context {@code threatProtection}); off by default
 * @param domainPrefix the hosted UI's Cognito domain prefix (context {@code domainPrefix}); a prefix is
 *     globally unique, so there is no default and without it there is no hosted UI domain
 * @param web callback and sign-out URLs of the web client
 * @param ios callback and sign-out URLs of the iOS client
 * @param android callback and sign-out URLs of the Android client
 * @param providers the social identity providers whose configuration is present, and only those
 * @param issuer the exact {@code iss} the $connect authorizer accepts (context {@code cognito.issuer});
 *     null means the pool's own AWS issuer. LocalStack's Cognito signs tokens with
 *     {@code http://localhost:4566/<poolId>}, so a LocalStack deploy sets it (README, LocalStack).
 */
public record IdentityConfig(boolean mfaRequired, ThreatProtection threatProtection, String domainPrefix,
                             RedirectUrls web, RedirectUrls ios, RedirectUrls android,
                             List<SocialProvider> providers, String issuer) {

    public static final String MFA = "mfa";
    public static final String THREAT_PROTECTION = "threatProtection";
    public static final String DOMAIN_PREFIX = "domainPrefix";
    public static final String ISSUER = "cognito.issuer";

    /** The defaults: a web app on Vite's dev server, and a placeholder custom scheme for the mobile apps. */
    public static final RedirectUrls WEB_DEFAULT = new RedirectUrls(
            List.of("http://localhost:5173/auth/callback"), List.of("http://localhost:5173/"));
    public static final RedirectUrls MOBILE_DEFAULT = new RedirectUrls(
            List.of("parley://auth/callback"), List.of("parley://auth/signed-out"));

    /** Cognito's own rule for domain prefixes (it also refuses "aws", "amazon" and "cognito" in them). */
    private static final Pattern DOMAIN_PREFIX_RULE =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public IdentityConfig {
        Objects.requireNonNull(threatProtection, "threatProtection");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(ios, "ios");
        Objects.requireNonNull(android, "android");
        providers = List.copyOf(providers);
        if (domainPrefix != null && (!DOMAIN_PREFIX_RULE.matcher(domainPrefix).matches()
                || domainPrefix.contains("aws") || domainPrefix.contains("amazon") || domainPrefix.contains("cognito"))) {
            throw new IllegalArgumentException("Context " + DOMAIN_PREFIX + " must be lowercase letters, digits and"
                    + " hyphens without aws, amazon or cognito in it, got: " + domainPrefix);
        }
        if (issuer != null && !issuer.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException("Context " + ISSUER + " must be an http(s) URL such as"
                    + " http://localhost:4566/<userPoolId>, got: " + issuer);
        }
    }

    /** No context at all: optional MFA, no threat protection, no hosted UI domain, no social providers. */
    public static IdentityConfig defaults() {
        return new IdentityConfig(false, ThreatProtection.OFF, null, WEB_DEFAULT, MOBILE_DEFAULT, MOBILE_DEFAULT,
                List.of(), null);
    }

    /** @param context looks a context key up, returning null when it is not set */
    public static IdentityConfig from(Function<String, Object> context) {
        List<SocialProvider> providers = new ArrayList<>();
        Google.from(context).ifPresent(providers::add);
        Facebook.from(context).ifPresent(providers::add);
        Apple.from(context).ifPresent(providers::add);
        return new IdentityConfig(
                mfaRequired(text(context, MFA)),
                ThreatProtection.from(text(context, THREAT_PROTECTION)),
                text(context, DOMAIN_PREFIX),
                RedirectUrls.from(context, "web", WEB_DEFAULT),
                RedirectUrls.from(context, "ios", MOBILE_DEFAULT),
                RedirectUrls.from(context, "android", MOBILE_DEFAULT),
                providers,
                text(context, ISSUER));
    }

    private static boolean mfaRequired(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "optional" -> false;
            case "required" -> true;
            default -> throw new IllegalArgumentException("Context " + MFA + " must be optional or required, got: " + value);
        };
    }

    /** Cognito threat protection (compromised credentials, adaptive authentication); needs the Plus plan. */
    public enum ThreatProtection {
        OFF, AUDIT, ENFORCED;

        static ThreatProtection from(String value) {
            if (value == null) {
                return OFF;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "off" -> OFF;
                case "audit" -> AUDIT;
                case "enforced" -> ENFORCED;
                default -> throw new IllegalArgumentException(
                        "Context " + THREAT_PROTECTION + " must be off, audit or enforced, got: " + value);
            };
        }
    }

    /**
     * Where the hosted UI may send a client back after sign-in and sign-out. Context
     * {@code <client>.callbackUrls} and {@code <client>.signOutUrls}, comma-separated.
     */
    public record RedirectUrls(List<String> callbackUrls, List<String> signOutUrls) {
        public RedirectUrls {
            callbackUrls = List.copyOf(callbackUrls);
            signOutUrls = List.copyOf(signOutUrls);
        }

        static RedirectUrls from(Function<String, Object> context, String client, RedirectUrls defaults) {
            return new RedirectUrls(
                    list(text(context, client + ".callbackUrls"), defaults.callbackUrls()),
                    list(text(context, client + ".signOutUrls"), defaults.signOutUrls()));
        }

        private static List<String> list(String value, List<String> defaults) {
            if (value == null) {
                return defaults;
            }
            return Arrays.stream(value.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
        }
    }

    /** A social identity provider, configured only when all of its context keys are set. */
    public sealed interface SocialProvider permits Google, Facebook, Apple {
    }

    /**
     * Context {@code google.clientIdParameter} (SSM String parameter with the OAuth client id) and
     * {@code google.clientSecretName} (Secrets Manager secret with the client secret).
     */
    public record Google(String clientIdParameter, String clientSecretName) implements SocialProvider {
        static Optional<SocialProvider> from(Function<String, Object> context) {
            return configured(context, "google", List.of("clientIdParameter", "clientSecretName"))
                    .map(values -> new Google(values.get(0), values.get(1)));
        }
    }

    /** Context {@code facebook.clientIdParameter} (the app id) and {@code facebook.clientSecretName} (the app secret). */
    public record Facebook(String clientIdParameter, String clientSecretName) implements SocialProvider {
        static Optional<SocialProvider> from(Function<String, Object> context) {
            return configured(context, "facebook", List.of("clientIdParameter", "clientSecretName"))
                    .map(values -> new Facebook(values.get(0), values.get(1)));
        }
    }

    /**
     * Sign in with Apple: context {@code apple.clientIdParameter} (the services id),
     * {@code apple.teamIdParameter}, {@code apple.keyIdParameter} and {@code apple.privateKeySecretName}
     * (the .p8 key's PEM text).
     */
    public record Apple(String clientIdParameter, String teamIdParameter, String keyIdParameter,
                        String privateKeySecretName) implements SocialProvider {
        static Optional<SocialProvider> from(Function<String, Object> context) {
            return configured(context, "apple",
                    List.of("clientIdParameter", "teamIdParameter", "keyIdParameter", "privateKeySecretName"))
                    .map(values -> new Apple(values.get(0), values.get(1), values.get(2), values.get(3)));
        }
    }

    /**
     * The values of a provider's keys when all are set, empty when none is; a provider configured
     * by halves is a mistake worth failing the synth for rather than silently leaving it out.
     */
    private static Optional<List<String>> configured(Function<String, Object> context, String provider,
                                                               List<String> keys) {
        List<String> values = keys.stream().map(key -> text(context, provider + "." + key)).toList();
        long set = values.stream().filter(Objects::nonNull).count();
        if (set == 0) {
            return Optional.empty();
        }
        if (set < keys.size()) {
            throw new IllegalArgumentException("Identity provider " + provider + " needs all of the context keys "
                    + keys.stream().map(key -> provider + "." + key).toList() + " (or none, to leave it out)");
        }
        return Optional.of(values);
    }

    /** Context from the command line arrives as text, from cdk.json as JSON values; blank counts as unset. */
    private static String text(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
