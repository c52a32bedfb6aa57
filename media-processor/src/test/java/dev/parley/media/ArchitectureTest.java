package dev.parley.media;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The processor uses the functions module through its declared surface: {@code functions.lambda}
 * (the SQS batch loop and the shared wiring), the domain, the configuration and the logger; never
 * its adapters, handlers or wiring directly.
 */
@AnalyzeClasses(packages = "dev.parley.media", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_processor_uses_only_the_declared_surface_of_functions = noClasses()
            .that().resideInAPackage("dev.parley.media..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.parley.functions.adapter..", "dev.parley.functions.handler..", "dev.parley.functions.wiring..");
}
