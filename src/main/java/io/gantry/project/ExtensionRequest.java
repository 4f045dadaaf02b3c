package io.gantry.project;

import java.time.Instant;
import java.time.LocalDate;

/** A member's request for more days (AI-Stack 四.1(3)), and the platform admin's decision on it. */
public record ExtensionRequest(long id, long projectId, String projectName, String requester, int days, String reason,
                               ExtensionStatus status, Instant requestedAt, String decidedBy, Instant decidedAt,
                               String decisionMessage, LocalDate endDateBefore, LocalDate endDateAfter) {
}
