package io.gantry.project;

import java.time.Instant;

public record Member(long userId, String username, String nickname, ProjectRole role, Instant addedAt) {
}
