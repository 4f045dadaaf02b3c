package io.gantry.identity;

import io.gantry.OnPostgres;

@OnPostgres
class GroupAndRolePostgresTest extends GroupAndRoleContract {
}
