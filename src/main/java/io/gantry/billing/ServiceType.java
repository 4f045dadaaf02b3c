package io.gantry.billing;

import org.springframework.modulith.NamedInterface;

/** What an order is for (AI-Stack 八.5's 服務類型): each kind of workload is one. */
@NamedInterface("api")
public enum ServiceType {
    CONTAINER, TASK, TRAINING, INFERENCE
}
