package dev.parley.infra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Which CloudFront key pairs sign media URLs, so the key can be rotated without a moment where
 * CloudFront refuses a URL: context {@code media.signingKeys} lists the key generations the
 * distribution trusts (default {@code 1}), {@code media.activeSigningKey} the one that signs (default:
 * the oldest listed). Adding a generation therefore only adds trust; switching the signer is a second
 * deploy, and dropping the old generation a third, after the longest URL lifetime (docs/deploy.md).
 *
 * @param generations the trusted generations, oldest first, each a positive whole number
 * @param active the generation getMediaUrl signs with, one of {@code generations}
 */
public record MediaSigningKeys(List<Integer> generations, int active) {

    public static final String SIGNING_KEYS = "media.signingKeys";
    public static final String ACTIVE_SIGNING_KEY = "media.activeSigningKey";

    /** Kept when no context is given: the generation every stack deployed before rotation existed has. */
    static final int FIRST_GENERATION = 1;
    /** CloudFront trusts at most 5 public keys per key group (its quota); two overlap during a rotation. */
    static final int MAX_TRUSTED = 2;

    public MediaSigningKeys {
        generations = List.copyOf(generations);
        if (generations.isEmpty() || generations.size() > MAX_TRUSTED) {
            throw new IllegalArgumentException("Context " + SIGNING_KEYS + " must list 1 or " + MAX_TRUSTED
                    + " key generations (the current one and, during a rotation, the next), got: " + generations);
        }
        if (new LinkedHashSet<>(generations).size() != generations.size()
                || !generations.stream().sorted().toList().equals(generations)
                || generations.get(0) < 1) {
            throw new IllegalArgumentException("Context " + SIGNING_KEYS
                    + " must list distinct positive generations, oldest first, got: " + generations);
        }
        if (!generations.contains(active)) {
            throw new IllegalArgumentException("Context " + ACTIVE_SIGNING_KEY + " must be one of " + SIGNING_KEYS
                    + " " + generations + ", got: " + active);
        }
    }

    static MediaSigningKeys defaults() {
        return new MediaSigningKeys(List.of(FIRST_GENERATION), FIRST_GENERATION);
    }

    static MediaSigningKeys from(Function<String, Object> context) {
        Object listed = context.apply(SIGNING_KEYS);
        List<Integer> generations = new ArrayList<>();
        for (String item : listed == null ? List.of(String.valueOf(FIRST_GENERATION)) : DeploymentConfig.list(listed)) {
            generations.add(generation(SIGNING_KEYS, item));
        }
        Object active = context.apply(ACTIVE_SIGNING_KEY);
        boolean unset = active == null || active.toString().isBlank();
        return new MediaSigningKeys(generations, unset ? generations.get(0) : generation(ACTIVE_SIGNING_KEY, active.toString()));
    }

    /** The construct ids of generation 1 are those of the stacks deployed before rotation: their key stays. */
    static String constructId(String base, int generation) {
        return generation == FIRST_GENERATION ? base : base + generation;
    }

    private static int generation(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context " + key + " must name key generations by number, got: " + text, e);
        }
    }
}
