package io.gantry.billing;

import io.gantry.OnH2;
import org.springframework.test.context.TestPropertySource;

@OnH2
@TestPropertySource(properties = "gantry.time-zone=Asia/Shanghai")
class CostServiceH2Test extends CostServiceContract {
}
