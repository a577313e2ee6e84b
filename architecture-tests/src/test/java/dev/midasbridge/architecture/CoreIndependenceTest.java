package dev.midasbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** core is the domain every other module maps onto: it must stay free of them and of every HTTP, JSON, DI and JDBC library. */
@AnalyzeClasses(packages = Modules.ALL, importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIndependenceTest {
    @ArchTest
    static final ArchRule coreDependsOnNoAdapter = noClasses()
            .that()
            .resideInAPackage(Modules.CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(Modules.MIDAS_V1, Modules.PAY_V2)
            .because("translation goes v1 -> core -> v2, so core must not know either wire format");

    @ArchTest
    static final ArchRule coreUsesNoHttpJsonOrInjectionLibrary = noClasses()
            .that()
            .resideInAPackage(Modules.CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(Modules.LIBRARIES)
            .because("core's package-info promises: no HTTP, JSON or dependency-injection library");

    @ArchTest
    static final ArchRule coreUsesOnlyTheJdkAndItself = classes()
            .that()
            .resideInAPackage(Modules.CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax..", Modules.CORE)
            .because("core is the dependency-free domain model");
}
