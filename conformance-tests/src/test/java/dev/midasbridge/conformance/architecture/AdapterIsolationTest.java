package dev.midasbridge.conformance.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The two adapters stand side by side on core: each may use core (and its own libraries) but never the other
 * adapter, so that either can change or be left out without touching the other.
 */
@AnalyzeClasses(packages = Modules.ALL, importOptions = ImportOption.DoNotIncludeTests.class)
class AdapterIsolationTest {
    @ArchTest
    static final ArchRule adaptersRestOnCoreOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(Modules.CORE)
            .layer("midas_v1 adapter").definedBy(Modules.MIDAS_V1)
            .layer("pay_v2 adapter").definedBy(Modules.PAY_V2)
            .whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("midas_v1 adapter").mayOnlyAccessLayers("core")
            .whereLayer("pay_v2 adapter").mayOnlyAccessLayers("core");
}
