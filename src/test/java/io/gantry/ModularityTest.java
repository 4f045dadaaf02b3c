package io.gantry;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The feature packages depend on each other only through their public API, without cycles. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(GantryApplication.class);

    @Test
    void featuresRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
