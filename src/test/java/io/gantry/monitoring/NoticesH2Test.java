package io.gantry.monitoring;

import io.gantry.OnH2;

@OnH2
class NoticesH2Test extends NoticesContract {
}
