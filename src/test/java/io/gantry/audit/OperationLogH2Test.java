package io.gantry.audit;

import io.gantry.OnH2;

@OnH2
class OperationLogH2Test extends OperationLogContract {
}
