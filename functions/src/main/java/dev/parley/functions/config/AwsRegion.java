package dev.parley.functions.config;

import java.util.regex.Pattern;

/** Reads {@code AWS_REGION}, which Lambda always sets and local-env passes in the map. */
final class AwsRegion {
    static final String VARIABLE = "AWS_REGION";
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d+$");

    private AwsRegion() {
    }

    static String from(Environment environment) {
        String region = environment.required(VARIABLE);
        if (!REGION.matcher(region).matches()) {
            throw new ConfigurationException(VARIABLE + " is not a region name such as eu-west-1: " + region);
        }
        return region;
    }
}
