package io.gantry.shared.events;

import io.gantry.OnH2;

@OnH2
class EventPublicationRegistryH2Test extends EventPublicationRegistryContract {
}
