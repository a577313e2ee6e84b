package dev.midasbridge.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethodWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.google.inject.Guice;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Each module shows a small front door: nobody reaches into another module's internals. */
@AnalyzeClasses(packages = Modules.ALL, importOptions = ImportOption.DoNotIncludeTests.class)
class EncapsulationTest {
    @ArchTest
    static final ArchRule midasV1InternalsStayInside = noClasses()
            .that()
            .resideOutsideOfPackage(Modules.MIDAS_V1)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.midasbridge.midas.v1.internal..")
            .because("the midas 1.0 adapter's public face is its factory, config, module, qualifier and facade");

    @ArchTest
    static final ArchRule payV2InternalsStayInside = noClasses()
            .that()
            .resideOutsideOfPackage(Modules.PAY_V2)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.midasbridge.payv2.internal..")
            .because("the pay_v2 adapter's public face is its factory, config, module, qualifier and facade");

    @ArchTest
    static final ArchRule onlyTheApplicationBuildsInjectors = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.midasbridge.app.BridgeApplication")
            .should(callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(Guice.class)))
                    .and(target(name("createInjector")))))
            .because("one place builds the injector per process (Guice's own advice: only main builds one)");
}
