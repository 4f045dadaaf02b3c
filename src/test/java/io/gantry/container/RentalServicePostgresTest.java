package io.gantry.container;

import io.gantry.OnPostgres;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnPostgres
@Import(TestClock.class)
class RentalServicePostgresTest extends RentalServiceContract {
}
