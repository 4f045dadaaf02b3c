/**
 * The web terminal: the {@link io.gantry.runtime.ui.WebTerminal} component and the
 * {@link io.gantry.runtime.ui.TerminalSession} that connects it to a workload's shell, for the pages that offer one.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.runtime.ui;
