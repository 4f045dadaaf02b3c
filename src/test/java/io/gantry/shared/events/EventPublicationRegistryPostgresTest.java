package io.gantry.shared.events;

import io.gantry.OnPostgres;

@OnPostgres
class EventPublicationRegistryPostgresTest extends EventPublicationRegistryContract {
}
