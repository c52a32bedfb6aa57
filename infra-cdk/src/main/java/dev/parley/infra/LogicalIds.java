package dev.parley.infra;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Logical ids are part of the deployed stack: a changed one makes CloudFormation replace the
 * resource (a table is recreated empty, a function's retained log group is orphaned). The function
 * families arrived after the functions they group, so a family states which path component its
 * resources' ids were computed under ({@link Scope}), and {@link #keepFamilyIds} gives each resource
 * below a family the id of that path. Everything else keeps the CDK's own ids.
 *
 * <p>Ids are overridden once the stack is built, not computed in an override of
 * {@code Stack.allocateLogicalId}: that would be a jsii callback for every id the CDK resolves, and
 * jsii nests each callback one level deeper on the Java stack (a StackOverflowError at synth).
 */
final class LogicalIds {

    /** A construct that stands for another path component, or none, in its resources' logical ids. */
    interface Scope {

        /** The component this construct contributes to logical ids; empty: none, as if its children were its parent's. */
        Optional<String> logicalIdComponent();
    }

    // The CDK's makeUniqueId (core/lib/private/uniqueid.ts), which is not exported.
    private static final String HIDDEN_ID = "Default";
    private static final String HIDDEN_FROM_HUMAN_ID = "Resource";
    private static final int HASH_LEN = 8;
    private static final int MAX_HUMAN_LEN = 240;
    private static final int MAX_ID_LEN = 255;
    /** A Lambda version's id is its function's id plus a hash of the configuration, kept below this length. */
    private static final int MAX_VERSION_PREFIX_LEN = 255 - 32;

    private LogicalIds() {
    }

    /**
     * Gives every CloudFormation element below a {@link Scope} the id of its path with each scope
     * replaced by its component. Call when the stack is complete. An id the CDK derived from the
     * element's own (a Lambda version: the id plus a configuration hash) keeps what it added.
     */
    static void keepFamilyIds(Stack stack) {
        for (IConstruct construct : stack.getNode().findAll()) {
            if (!(construct instanceof CfnElement element)) {
                continue;
            }
            List<IConstruct> scopes = scopesBelow(element, stack);
            if (scopes.stream().noneMatch(Scope.class::isInstance)) {
                continue;
            }
            String nested = uniqueId(scopes.stream().map(scope -> scope.getNode().getId()).toList());
            String kept = uniqueId(pathOf(scopes));
            String current = String.valueOf(stack.resolve(element.getLogicalId()));
            if (current.equals(nested)) {
                element.overrideLogicalId(kept);
            } else if (current.startsWith(nested) && nested.length() <= MAX_VERSION_PREFIX_LEN
                    && kept.length() <= MAX_VERSION_PREFIX_LEN) {
                element.overrideLogicalId(kept + current.substring(nested.length()));
            } else {
                throw new IllegalStateException("Cannot keep the logical id of " + element.getNode().getPath()
                        + ": it is " + current + ", not derived from " + nested);
            }
        }
    }

    private static List<IConstruct> scopesBelow(CfnElement element, IConstruct stack) {
        List<IConstruct> scopes = element.getNode().getScopes();
        int stackIndex = scopes.indexOf(stack);
        if (stackIndex < 0) {
            throw new IllegalStateException("Element " + element.getNode().getPath() + " is not in " + stack.getNode().getPath());
        }
        return scopes.subList(stackIndex + 1, scopes.size());
    }

    /** The id path of these scopes, each {@link Scope} replaced by its component. */
    static List<String> pathOf(List<IConstruct> scopes) {
        List<String> components = new ArrayList<>();
        for (IConstruct scope : scopes) {
            if (scope instanceof Scope family) {
                family.logicalIdComponent().ifPresent(components::add);
            } else {
                components.add(scope.getNode().getId());
            }
        }
        return components;
    }

    /** The logical id the CDK gives an element at this path below its stack. */
    static String uniqueId(List<String> path) {
        List<String> components = path.stream().filter(component -> !HIDDEN_ID.equals(component)).toList();
        if (components.isEmpty()) {
            throw new IllegalArgumentException("No logical id for an empty path");
        }
        if (components.size() == 1) {
            String candidate = alphanumeric(components.get(0));
            if (candidate.length() <= MAX_ID_LEN) {
                return candidate;
            }
        }
        StringBuilder human = new StringBuilder();
        for (String component : withoutDupes(components)) {
            if (!HIDDEN_FROM_HUMAN_ID.equals(component)) {
                human.append(alphanumeric(component));
            }
        }
        String readable = human.length() > MAX_HUMAN_LEN ? human.substring(0, MAX_HUMAN_LEN) : human.toString();
        return readable + hash(String.join("/", components));
    }

    private static List<String> withoutDupes(List<String> components) {
        List<String> result = new ArrayList<>();
        for (String component : components) {
            if (result.isEmpty() || !result.get(result.size() - 1).endsWith(component)) {
                result.add(component);
            }
        }
        return result;
    }

    private static String alphanumeric(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String hash(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
            String hex = String.format("%032x", new BigInteger(1, digest));
            return hex.substring(0, HASH_LEN).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
