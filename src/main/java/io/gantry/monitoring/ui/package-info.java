/** The monitoring screens; the app shell shows the notices' bell from here. */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.monitoring.ui;
