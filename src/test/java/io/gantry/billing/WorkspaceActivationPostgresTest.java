package io.gantry.billing;

import io.gantry.OnPostgres;

@OnPostgres
class WorkspaceActivationPostgresTest extends WorkspaceActivationContract {
}
