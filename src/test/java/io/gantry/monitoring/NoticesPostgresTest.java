package io.gantry.monitoring;

import io.gantry.OnPostgres;

@OnPostgres
class NoticesPostgresTest extends NoticesContract {
}
