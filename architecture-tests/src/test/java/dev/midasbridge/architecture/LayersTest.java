package dev.midasbridge.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules as layers (README, "Modules"). core is the domain; the adapters stand side by side on it and never
 * see each other; the engine knows only core; the JDBC journal implements the engine's port; the app wires them;
 * the CLI, the gateway and the benchmarks are applications on top. The stand-in server depends on nothing of ours,
 * so that it checks the adapters with rules of its own.
 */
@AnalyzeClasses(packages = Modules.ALL, importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
    @ArchTest
    static final ArchRule modulesDependOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("core")
            .definedBy(Modules.CORE)
            .layer("access-token")
            .definedBy(Modules.TOKEN)
            .layer("adapter-support")
            .definedBy(Modules.SUPPORT)
            .layer("adapter-midas-v1")
            .definedBy(Modules.MIDAS_V1)
            .layer("adapter-paymentv2")
            .definedBy(Modules.PAY_V2)
            .layer("bridge-engine")
            .definedBy(Modules.ENGINE)
            .layer("journal-jdbc")
            .definedBy(Modules.JOURNAL_JDBC)
            .layer("bridge-app")
            .definedBy(Modules.APP)
            .layer("simulator")
            .definedBy(Modules.SIMULATOR)
            .layer("conformance-tests")
            .definedBy(Modules.CONFORMANCE)
            .layer("gateway")
            .definedBy(Modules.GATEWAY)
            .layer("bridge-cli")
            .definedBy(Modules.CLI)
            .layer("benchmarks")
            .definedBy(Modules.BENCHMARKS)
            .whereLayer("core")
            .mayNotAccessAnyLayer()
            .whereLayer("simulator")
            .mayNotAccessAnyLayer()
            .whereLayer("access-token")
            .mayOnlyAccessLayers("core")
            .whereLayer("adapter-support")
            .mayOnlyAccessLayers("core", "access-token")
            .whereLayer("adapter-midas-v1")
            .mayOnlyAccessLayers("core", "access-token", "adapter-support")
            .whereLayer("adapter-paymentv2")
            .mayOnlyAccessLayers("core", "access-token", "adapter-support")
            .whereLayer("bridge-engine")
            .mayOnlyAccessLayers("core")
            .whereLayer("journal-jdbc")
            .mayOnlyAccessLayers("core", "bridge-engine")
            .whereLayer("bridge-app")
            .mayOnlyAccessLayers(
                    "core",
                    "access-token",
                    "adapter-support",
                    "adapter-midas-v1",
                    "adapter-paymentv2",
                    "bridge-engine",
                    "journal-jdbc",
                    "simulator")
            .whereLayer("conformance-tests")
            .mayOnlyAccessLayers("core", "adapter-midas-v1", "adapter-paymentv2")
            .whereLayer("gateway")
            .mayOnlyAccessLayers(
                    "core",
                    "access-token",
                    "adapter-support",
                    "adapter-midas-v1",
                    "adapter-paymentv2",
                    "bridge-engine",
                    "journal-jdbc",
                    "bridge-app",
                    "simulator",
                    "conformance-tests")
            .whereLayer("bridge-cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("benchmarks")
            .mayNotBeAccessedByAnyLayer()
            .because("each module may use only the modules below it (README, Modules)");
}
