package io.gantry.project;

import io.gantry.OnPostgres;

@OnPostgres
class ProjectServicePostgresTest extends ProjectServiceContract {
}
