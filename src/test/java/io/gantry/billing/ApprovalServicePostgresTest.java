package io.gantry.billing;

import io.gantry.OnPostgres;

@OnPostgres
class ApprovalServicePostgresTest extends ApprovalServiceContract {
}
