package io.gantry.identity;

import io.gantry.OnH2;

@OnH2
class UserServiceH2Test extends UserServiceContract {
}
