package io.gantry.broker.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The broker's core decides in plain Java: the framework (transactions, SQL, screens) stays outside it. */
class PureCoreTest {

    @Test
    void theCoreImportsNoFramework() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gantry.broker.internal");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                "com.vaadin..", "jakarta..", "io.gantry.db..").check(core);
    }
}
