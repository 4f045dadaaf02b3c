package io.gantry.container;

import io.gantry.OnH2;

@OnH2
class ContainerServiceH2Test extends ContainerServiceContract {
}
