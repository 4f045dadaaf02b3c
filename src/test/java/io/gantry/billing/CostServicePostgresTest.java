package io.gantry.billing;

import io.gantry.OnPostgres;
import org.springframework.test.context.TestPropertySource;

@OnPostgres
@TestPropertySource(properties = "gantry.time-zone=Asia/Shanghai")
class CostServicePostgresTest extends CostServiceContract {
}
