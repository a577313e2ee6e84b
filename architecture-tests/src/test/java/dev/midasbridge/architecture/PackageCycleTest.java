package dev.midasbridge.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No dependency cycles: between modules (each top-level package under {@code dev.midasbridge}), and between the
 * packages of a module, each package being its own slice (e.g. {@code core.order} and {@code core.error}).
 */
@AnalyzeClasses(packages = Modules.ALL, importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCycleTest {
    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices().matching("dev.midasbridge.(*)..")
            .namingSlices("module $1")
            .should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.midasbridge.(**)")
            .namingSlices("package $1")
            .should()
            .beFreeOfCycles();
}
