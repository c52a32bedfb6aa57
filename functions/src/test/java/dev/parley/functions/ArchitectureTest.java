package dev.parley.functions;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency direction of architecture.md: handlers -> use cases -> ports <- adapters. */
@AnalyzeClasses(packages = "dev.parley.functions", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_domain_knows_no_adapter_handler_aws_or_lambda_class = noClasses()
            .that().resideInAPackage("dev.parley.functions.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.parley.functions.adapter..", "dev.parley.functions.handler..", "dev.parley.functions.config..",
                    "software.amazon.awssdk..", "com.amazonaws..", "com.nimbusds..", "org.crac..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(CompositionRoot.class.getName());

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
    static final ArchRule only_adapters_and_the_composition_root_use_the_aws_sdk = noClasses()
            .that().resideOutsideOfPackage("dev.parley.functions.adapter..")
            .and().doNotHaveFullyQualifiedName(CompositionRoot.class.getName())
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");
}
