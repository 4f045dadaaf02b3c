package io.gantry.project;

import io.gantry.OnH2;

@OnH2
class ProjectServiceH2Test extends ProjectServiceContract {
}
