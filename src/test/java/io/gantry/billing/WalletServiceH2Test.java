package io.gantry.billing;

import io.gantry.OnH2;

@OnH2
class WalletServiceH2Test extends WalletServiceContract {
}
