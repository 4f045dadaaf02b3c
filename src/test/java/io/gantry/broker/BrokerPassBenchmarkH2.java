package io.gantry.broker;

import io.gantry.OnH2;
import io.gantry.bench.CountingConfiguration;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The broker's benchmark through the database, on H2. */
@OnH2
@Import(CountingConfiguration.class)
// Only the benchmark's own passes, not the periodic one, fall into the measurements.
@TestPropertySource(properties = "gantry.broker.pass-interval=1h")
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class BrokerPassBenchmarkH2 extends BrokerPassBenchmark {

    @Override
    String database() {
        return "H2";
    }
}
