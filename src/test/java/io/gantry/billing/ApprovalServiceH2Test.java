package io.gantry.billing;

import io.gantry.OnH2;

@OnH2
class ApprovalServiceH2Test extends ApprovalServiceContract {
}
