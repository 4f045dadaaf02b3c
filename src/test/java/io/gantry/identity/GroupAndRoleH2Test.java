package io.gantry.identity;

import io.gantry.OnH2;

@OnH2
class GroupAndRoleH2Test extends GroupAndRoleContract {
}
