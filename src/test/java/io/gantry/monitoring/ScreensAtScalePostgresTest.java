package io.gantry.monitoring;

import io.gantry.OnPostgres;
import io.gantry.bench.CountingConfiguration;
import org.springframework.context.annotation.Import;

@OnPostgres
@Import(CountingConfiguration.class)
class ScreensAtScalePostgresTest extends ScreensAtScaleContract {
}
