package io.gantry.identity;

import io.gantry.OnH2;

@OnH2
class AccountH2Test extends AccountContract {
}
