package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The Parley stack, synthesized once per test JVM (a synth starts node and takes seconds), with
 * the repository's cdk.json flags, exactly as {@link ParleyApp} builds it. The functions and media
 * processor jars are stand-ins: these tests check the infrastructure, not the code it deploys.
 */
final class SynthesizedParley {

    static final String HANDLERS = "dev.parley.functions.handler.";
    static final String MEDIA_HANDLERS = "dev.parley.media.handler.";

    private static Template template;
    private static SynthesizedParley instance;

    private final Map<String, Object> resources;

    private SynthesizedParley(Map<String, Object> json) {
        this.resources = asMap(json.get("Resources"));
    }

    static synchronized Template template() {
        if (template == null) {
            template = templateWith(Map.of());
        }
        return template;
    }

    /** A fresh synthesis (seconds) with extra context, as {@code cdk synth -c key=value} would give it. */
    static Template templateWith(Map<String, Object> extraContext) {
        return Template.fromStack(stackWith(extraContext));
    }

    /** The stack, not yet synthesized (aspects added to it still run), with extra context. */
    static ParleyStack stackWith(Map<String, Object> extraContext) {
        RepositoryLayout repository = RepositoryLayout.locate();
        Map<String, Object> context = new HashMap<>(repository.cdkJsonContext());
        context.put(ParleyConfig.FUNCTIONS_JAR, standInJar("parley-functions.jar").toString());
        context.put(MediaConfig.PROCESSOR_JAR, standInJar("parley-media-processor.jar").toString());
        context.putAll(extraContext);
        App app = new App(AppProps.builder().context(context).build());
        return ParleyApp.createStack(app, repository);
    }

    /** Resource lookups over a template other than the default one. */
    static SynthesizedParley of(Template template) {
        return new SynthesizedParley(template.toJSON());
    }

    static synchronized SynthesizedParley parley() {
        if (instance == null) {
            instance = new SynthesizedParley(template().toJSON());
        }
        return instance;
    }

    /** The Resources section as JSON text. */
    String resourcesJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(resources);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> resourceIds() {
        return List.copyOf(resources.keySet());
    }

    /** Logical ids of every resource of a CloudFormation type. */
    List<String> idsOfType(String type) {
        return resources.entrySet().stream()
                .filter(entry -> type.equals(asMap(entry.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    Map<String, Object> properties(String logicalId) {
        Object resource = resources.get(logicalId);
        assertThat(resource).as("resource %s", logicalId).isNotNull();
        return asMap(asMap(resource).getOrDefault("Properties", Map.of()));
    }

    String typeOf(String logicalId) {
        return (String) asMap(resources.get(logicalId)).get("Type");
    }

    /**
     * The Lambda function whose handler is the given class in dev.parley.functions.handler, or in
     * {@value #MEDIA_HANDLERS} (the media processor's own jar).
     */
    String functionWithHandler(String handlerClass) {
        List<String> handlers = List.of(HANDLERS + handlerClass, MEDIA_HANDLERS + handlerClass);
        List<String> ids = idsOfType("AWS::Lambda::Function").stream()
                .filter(id -> handlers.contains(properties(id).get("Handler")))
                .toList();
        assertThat(ids).as("functions with handler %s", handlerClass).hasSize(1);
        return ids.get(0);
    }

    /** The DynamoDB table whose key schema is exactly these attribute names, partition key first. */
    String tableKeyedBy(String... keyNames) {
        List<String> ids = idsOfType("AWS::DynamoDB::Table").stream()
                .filter(id -> asList(properties(id).get("KeySchema")).stream()
                        .map(key -> (String) asMap(key).get("AttributeName"))
                        .toList()
                        .equals(List.of(keyNames)))
                .toList();
        assertThat(ids).as("tables keyed by %s", List.of(keyNames)).hasSize(1);
        return ids.get(0);
    }

    /** Every logical id a resource waits for: its references and its DependsOn. */
    List<String> dependenciesOf(String logicalId) {
        Map<String, Object> resource = asMap(resources.get(logicalId));
        List<String> ids = new ArrayList<>(referencedIds(resource.get("Properties")));
        if (resource.get("DependsOn") != null) {
            ids.addAll(asStrings(resource.get("DependsOn")));
        }
        return ids.stream().filter(resources::containsKey).distinct().toList();
    }

    /** Logical ids referenced (Ref or Fn::GetAtt) anywhere inside a template fragment. */
    List<String> referencedIds(Object fragment) {
        List<String> ids = new ArrayList<>();
        collectReferences(fragment, ids);
        return ids;
    }

    /** The single referenced resource of the given type inside a template fragment. */
    String referencedResourceOfType(Object fragment, String type) {
        List<String> ids = referencedIds(fragment).stream()
                .filter(resources::containsKey)
                .filter(id -> type.equals(typeOf(id)))
                .distinct()
                .toList();
        assertThat(ids).as("%s referenced by %s", type, fragment).hasSize(1);
        return ids.get(0);
    }

    /** The handler class (simple name) a resource referring to a Lambda alias ends up invoking. */
    String handlerInvokedThrough(Object fragment) {
        String alias = referencedResourceOfType(fragment, "AWS::Lambda::Alias");
        String function = referencedResourceOfType(properties(alias).get("FunctionName"), "AWS::Lambda::Function");
        String className = (String) properties(function).get("Handler");
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The environment variables of the function with the given handler class. */
    Map<String, Object> environmentOf(String handlerClass) {
        Map<String, Object> environment = asMap(properties(functionWithHandler(handlerClass)).get("Environment"));
        return asMap(environment.get("Variables"));
    }

    /** Logical ids of the Parley functions (Java), not the CDK's and custom resources' Node.js and Python helpers. */
    List<String> javaFunctions() {
        return idsOfType("AWS::Lambda::Function").stream()
                .filter(id -> "java21".equals(properties(id).get("Runtime")))
                .toList();
    }

    /** The inline source (Code.ZipFile) of every function that has one. */
    List<String> inlineCodeOfFunctions() {
        return idsOfType("AWS::Lambda::Function").stream()
                .map(id -> properties(id).get("Code"))
                .map(code -> asMap(code).get("ZipFile"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    /** The IAM statements attached to a function's execution role. */
    List<Map<String, Object>> statementsOf(String functionId) {
        String role = referencedResourceOfType(properties(functionId).get("Role"), "AWS::IAM::Role");
        return statementsOfPolicies(policy -> referencedIds(properties(policy).get("Roles")).contains(role));
    }

    /** The statements of every IAM policy in the stack. */
    List<Map<String, Object>> everyPolicyStatement() {
        return statementsOfPolicies(policy -> true);
    }

    private List<Map<String, Object>> statementsOfPolicies(Predicate<String> policyFilter) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String policy : idsOfType("AWS::IAM::Policy")) {
            if (policyFilter.test(policy)) {
                asList(asMap(properties(policy).get("PolicyDocument")).get("Statement"))
                        .forEach(statement -> statements.add(asMap(statement)));
            }
        }
        return statements;
    }

    /** Every action of every statement that allows anything on the given resource. */
    List<String> actionsAllowedOn(String functionId, String resourceId) {
        return statementsOf(functionId).stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .filter(statement -> referencedIds(statement.get("Resource")).contains(resourceId))
                .flatMap(statement -> asStrings(statement.get("Action")).stream())
                .toList();
    }

    /** The literal parts of a value built with Fn::Join, each reference shown as {}: its shape. */
    static String joinedText(Object value) {
        List<Object> parts = asList(asList(asMap(value).get("Fn::Join")).get(1));
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(part instanceof String literal ? literal : "{}"));
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    static List<String> asStrings(Object value) {
        return asList(value).stream().map(String.class::cast).toList();
    }

    private static void collectReferences(Object node, List<String> ids) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref) {
                ids.add(ref);
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
                ids.add(String.valueOf(getAtt.get(0)));
            }
            map.values().forEach(child -> collectReferences(child, ids));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> collectReferences(child, ids));
        }
    }

    /** A jar with one text entry, different per name so that each gets its own asset. */
    private static Path standInJar(String name) {
        try {
            Path jar = Files.createTempDirectory("parley-cdk-test").resolve(name);
            try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write(("stand-in for " + name).getBytes());
                zip.closeEntry();
            }
            jar.toFile().deleteOnExit();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
