package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * AWS's own rule packs over the synthesized stack, for the default context, a production-like one
 * and a throw-away development one: cdk-nag's AwsSolutions and Serverless packs, and cfn-lint (from the project's .venv, which
 * {@code ./parley venv} makes). Every cdk-nag finding is fixed or suppressed where it arises with its
 * reason ({@link RulePacks}); an unsuppressed error fails. cfn-lint must report no error, and no
 * warning but the ones {@link #EXPLAINED_WARNINGS} explains.
 */
class RulePacksTest {

    /** What a real deployment sets: push on, MFA required, threat protection enforced, a media domain, SES, alarm mail. */
    static final Map<String, Object> PRODUCTION = Map.of(
            PushConfig.APNS_SECRET, "parley/push/apns",
            PushConfig.FCM_SECRET, "parley/push/fcm",
            IdentityConfig.MFA, "required",
            IdentityConfig.THREAT_PROTECTION, "enforced",
            IdentityConfig.DOMAIN_PREFIX, "parley-example",
            DeploymentConfig.MEDIA_DOMAIN, "media.example.com",
            DeploymentConfig.MEDIA_CERTIFICATE, "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            DeploymentConfig.SES_IDENTITY, "example.com",
            DeploymentConfig.ALARM_EMAIL, "ops@example.com,oncall@example.com");

    /** A stack to throw away: another stage, and everything deleted with it (the CDK adds a bucket-emptying provider). */
    static final Map<String, Object> DEVELOPMENT = Map.of(ParleyConfig.STAGE, "dev", ParleyConfig.REMOVAL_POLICY, "destroy");

    /**
     * W3005: an explicit DependsOn on a resource also referenced. The CDK writes these itself (each
     * function waits for its role, the bucket's notifications for the queue's policy); they change
     * nothing in the order CloudFormation already derives from the references.
     */
    static final Set<String> EXPLAINED_WARNINGS = Set.of("W3005");

    @ParameterizedTest(name = "{0} context")
    @ValueSource(strings = {"default", "production", "development"})
    void no_unsuppressed_finding_of_cdk_nag_nor_error_of_cfn_lint(String name) throws Exception {
        Map<String, Object> context = switch (name) {
            case "production" -> PRODUCTION;
            case "development" -> DEVELOPMENT;
            default -> Map.of();
        };
        ParleyStack stack = SynthesizedParley.stackWith(context);
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(stack).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        Annotations annotations = Annotations.fromStack(stack);

        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"));
        System.out.printf("cdk-nag, %s context: %d errors, %d warnings %s%n", name, errors.size(), warnings.size(),
                byRule(warnings));
        assertThat(errors.stream().map(error -> error.getId() + " " + error.getEntry().getData()))
                .as("cdk-nag errors without a suppression").isEmpty();

        List<String> lint = cfnLint(Template.fromStack(stack), name);
        System.out.printf("cfn-lint, %s context: %s%n", name, lint.stream()
                .collect(Collectors.groupingBy(RulePacksTest::lintRule, TreeMap::new, Collectors.counting())));
        assertThat(lint).as("cfn-lint findings other than " + EXPLAINED_WARNINGS)
                .filteredOn(line -> !EXPLAINED_WARNINGS.contains(lintRule(line)))
                .isEmpty();
    }

    /** cfn-lint's findings, one per line: {@code file:line:col:endLine:endCol:RULE:message}. */
    private static List<String> cfnLint(Template template, String name) throws IOException, InterruptedException {
        Path root = RepositoryLayout.locate().root();
        Path cfnLint = root.resolve(".venv/bin/cfn-lint");
        assertThat(cfnLint).as("cfn-lint in the project's venv: run ./parley venv").isExecutable();
        Path file = root.resolve("infra-cdk/target/rule-packs/Parley-" + name + ".template.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), template.toJSON());
        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "parseable", "--regions", "us-east-1",
                "--", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        // 0: nothing; 2, 4, 6, 8 and sums: errors, warnings, informational. Anything else is cfn-lint failing.
        assertThat(process.exitValue()).as("cfn-lint's exit code; output:%n%s", output)
                .isBetween(0, 14).matches(code -> code % 2 == 0, "an even sum of 2, 4 and 8");
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static String lintRule(String line) {
        String[] parts = line.split(":", 7);
        return parts.length > 5 ? parts[5] : line;
    }

    private static Map<String, Long> byRule(List<SynthesisMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(message -> {
            String text = String.valueOf(message.getEntry().getData());
            return text.substring(0, text.indexOf(':') < 0 ? text.length() : text.indexOf(':')).replaceAll("\\[.*", "");
        }, TreeMap::new, Collectors.counting()));
    }
}
