package io.gantry.container;

import io.gantry.OnH2;

@OnH2
class ContainerOperationsH2Test extends ContainerOperationsContract {
}
