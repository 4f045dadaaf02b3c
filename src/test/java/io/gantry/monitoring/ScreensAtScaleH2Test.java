package io.gantry.monitoring;

import io.gantry.OnH2;
import io.gantry.bench.CountingConfiguration;
import org.springframework.context.annotation.Import;

@OnH2
@Import(CountingConfiguration.class)
class ScreensAtScaleH2Test extends ScreensAtScaleContract {
}
