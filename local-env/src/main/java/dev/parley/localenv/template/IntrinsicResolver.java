package dev.parley.localenv.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsics CDK emits in the places local-env reads (function
 * environments, integration URIs): {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Sub}, {@code Fn::Select} and the pseudo parameters. Anything else is refused with
 * the offending JSON, so a template change that local-env cannot follow fails loudly instead of
 * producing a half-configured function. A reference to a resource that is deliberately not emulated
 * ({@link PhysicalIds#isNotEmulated}) throws {@link NotEmulatedLocallyException} instead.
 */
public final class IntrinsicResolver {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final PhysicalIds ids;
    private final String region;
    private final String accountId;

    public IntrinsicResolver(PhysicalIds ids, String region, String accountId) {
        this.ids = ids;
        this.region = region;
        this.accountId = accountId;
    }

    public String resolve(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new UnresolvableValueException("a value is missing", value);
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode argument = value.get(function);
            return switch (function) {
                case "Ref" -> ref(argument.asText(), value);
                case "Fn::GetAtt" -> getAtt(argument, value);
                case "Fn::Join" -> join(argument);
                case "Fn::Sub" -> sub(argument, value);
                case "Fn::Select" -> select(argument, value);
                default -> throw new UnresolvableValueException("unsupported intrinsic " + function, value);
            };
        }
        throw new UnresolvableValueException("not a scalar or intrinsic", value);
    }

    private String ref(String name, JsonNode context) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "Parley";
            case "AWS::NoValue" -> "";
            default -> {
                requireEmulated(name, context);
                yield ids.ref(name).orElseThrow(() ->
                        new UnresolvableValueException("nothing was provisioned for " + name, context));
            }
        };
    }

    private String getAtt(JsonNode argument, JsonNode context) {
        String logicalId;
        String attribute;
        if (argument.isArray() && argument.size() == 2) {
            logicalId = argument.get(0).asText();
            attribute = argument.get(1).asText();
        } else if (argument.isTextual() && argument.asText().contains(".")) {
            logicalId = argument.asText().substring(0, argument.asText().indexOf('.'));
            attribute = argument.asText().substring(argument.asText().indexOf('.') + 1);
        } else {
            throw new UnresolvableValueException("malformed Fn::GetAtt", context);
        }
        requireEmulated(logicalId, context);
        return ids.attribute(logicalId, attribute).orElseThrow(() ->
                new UnresolvableValueException("no attribute " + attribute + " for " + logicalId, context));
    }

    private String join(JsonNode argument) {
        String delimiter = argument.get(0).asText();
        List<String> parts = new ArrayList<>();
        argument.get(1).forEach(part -> parts.add(resolve(part)));
        return String.join(delimiter, parts);
    }

    private String select(JsonNode argument, JsonNode context) {
        int index = Integer.parseInt(resolve(argument.get(0)));
        JsonNode list = argument.get(1);
        if (!list.isArray() || index >= list.size()) {
            throw new UnresolvableValueException("Fn::Select index out of range", context);
        }
        return resolve(list.get(index));
    }

    private String sub(JsonNode argument, JsonNode context) {
        String template = argument.isArray() ? argument.get(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() && argument.size() > 1 ? argument.get(1) : null;
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (variables != null && variables.has(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.contains(".")) {
                requireEmulated(name.substring(0, name.indexOf('.')), context);
                replacement = ids.attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
                        .orElseThrow(() -> new UnresolvableValueException("no attribute for ${" + name + "}", context));
            } else {
                replacement = ref(name, context);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private void requireEmulated(String logicalId, JsonNode context) {
        if (ids.isNotEmulated(logicalId)) {
            throw new NotEmulatedLocallyException(logicalId, context);
        }
    }

    /** A template value local-env cannot evaluate; the message names the value. */
    public static final class UnresolvableValueException extends IllegalStateException {
        public UnresolvableValueException(String reason, JsonNode value) {
            super("Cannot resolve template value (" + reason + "): " + value);
        }
    }
}
