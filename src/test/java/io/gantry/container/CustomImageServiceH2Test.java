package io.gantry.container;

import io.gantry.OnH2;

@OnH2
class CustomImageServiceH2Test extends CustomImageServiceContract {
}
