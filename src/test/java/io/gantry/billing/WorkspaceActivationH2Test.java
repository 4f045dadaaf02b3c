package io.gantry.billing;

import io.gantry.OnH2;

@OnH2
class WorkspaceActivationH2Test extends WorkspaceActivationContract {
}
