package io.gantry.schedule.cron;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Triggers, their sentences and their fire times are plain Java (and Quartz's cron arithmetic): no screens, SQL or beans. */
class PureCronTest {

    @Test
    void theCronPackageImportsNoFramework() {
        JavaClasses cron = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gantry.schedule.cron");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                "com.vaadin..", "jakarta..", "io.gantry.db..").check(cron);
    }
}
