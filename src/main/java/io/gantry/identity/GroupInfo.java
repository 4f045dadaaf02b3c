package io.gantry.identity;

import java.time.Instant;

public record GroupInfo(long id, String name, String description, Instant createdAt) {
}
