package dev.parley.functions;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Map;
import java.util.Optional;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency direction of architecture.md: handlers -> use cases -> ports <- adapters; inside
 * the domain, features -> kernel, and a feature only on features of a lower level.
 */
@AnalyzeClasses(packages = "dev.parley.functions", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String DOMAIN = "dev.parley.functions.domain";
    /** What every feature may use: the top-level domain types and these packages, which import no feature. */
    private static final String[] KERNEL = {DOMAIN, DOMAIN + ".conversation..", DOMAIN + ".delivery..",
            DOMAIN + ".connection..", DOMAIN + ".user..", DOMAIN + ".ratelimit.."};
    /**
     * The features and their levels: a feature imports the kernel and features of a lower level
     * only; where it would reach sideways or up, it declares a port that the other implements.
     * A new feature package needs a level here.
     */
    private static final Map<String, Integer> FEATURE_LEVELS = Map.ofEntries(
            Map.entry("device", 1), Map.entry("viewing", 1),
            Map.entry("identity", 2), Map.entry("push", 2), Map.entry("keys", 2),
            Map.entry("message", 3),
            Map.entry("media", 4), Map.entry("sync", 4),
            Map.entry("presence", 5), Map.entry("receipt", 5), Map.entry("typing", 5),
            Map.entry("account", 6));

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching(DOMAIN + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_kernel_imports_no_feature = noClasses()
            .that().resideInAnyPackage(KERNEL)
            .should().dependOnClassesThat(resideInAPackage(DOMAIN + "..").and(not(resideInAnyPackage(KERNEL))));

    @ArchTest
    static final ArchRule features_import_only_the_kernel_and_lower_features = classes()
            .that().resideInAPackage(DOMAIN + "..").and().resideOutsideOfPackages(KERNEL)
            .should(new ArchCondition<>("depend only on the kernel and features of a lower level") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    Optional<String> feature = feature(origin);
                    Integer level = feature.map(FEATURE_LEVELS::get).orElse(null);
                    if (level == null) {
                        events.add(SimpleConditionEvent.violated(origin,
                                origin.getName() + " is in a domain package with no level in FEATURE_LEVELS"));
                        return;
                    }
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        Optional<String> target = feature(dependency.getTargetClass());
                        if (target.isPresent() && !target.equals(feature)
                                && FEATURE_LEVELS.getOrDefault(target.get(), Integer.MAX_VALUE) >= level) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                    + ": feature " + feature.get() + " (level " + level + ") may not use feature " + target.get()));
                        }
                    }
                }
            });

    /** The feature package a class is in, or empty for the kernel and anything outside the domain. */
    private static Optional<String> feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(DOMAIN + ".") || resideInAnyPackage(KERNEL).test(type)) {
            return Optional.empty();
        }
        return Optional.of(name.substring(DOMAIN.length() + 1).split("\\.")[0]);
    }

    @ArchTest
    static final ArchRule the_domain_knows_no_adapter_handler_aws_or_lambda_class = noClasses()
            .that().resideInAPackage("dev.parley.functions.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.parley.functions.adapter..", "dev.parley.functions.handler..", "dev.parley.functions.config..",
                    "software.amazon.awssdk..", "software.amazon.cloudwatchlogs..", "com.amazonaws..", "com.nimbusds..", "org.crac..",
                    "dev.parley.functions.wiring..", "dev.parley.functions.lambda..");

    @ArchTest
    static final ArchRule handlers_do_not_call_the_aws_sdk = noClasses()
            .that().resideInAPackage("dev.parley.functions.handler..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule handlers_do_not_reach_around_the_use_cases_into_adapters = noClasses()
            .that().resideInAPackage("dev.parley.functions.handler..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.functions.adapter..");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_handlers = noClasses()
            .that().resideInAPackage("dev.parley.functions.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.functions.handler..");

    @ArchTest
    static final ArchRule only_adapters_and_the_wiring_use_the_aws_sdk = noClasses()
            .that().resideOutsideOfPackages("dev.parley.functions.adapter..", "dev.parley.functions.wiring..",
                    "dev.parley.functions.lambda..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule only_the_metrics_adapter_uses_the_emf_library = noClasses()
            .that().resideOutsideOfPackage("dev.parley.functions.adapter.cloudwatch..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.cloudwatchlogs..");
}
