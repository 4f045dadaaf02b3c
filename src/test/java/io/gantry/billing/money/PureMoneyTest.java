package io.gantry.billing.money;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arithmetic of money is plain Java: no transactions, SQL or screens in it. */
class PureMoneyTest {

    @Test
    void theArithmeticImportsNoFramework() {
        JavaClasses money = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gantry.billing.money");
        // The package's declaration to the module system (package-info) is not arithmetic.
        noClasses().that().doNotHaveSimpleName("package-info").should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                "com.vaadin..", "jakarta..", "io.gantry.db..").check(money);
    }
}
