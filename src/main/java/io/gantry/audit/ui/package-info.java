/** The operation log's screen; other screens word stored message keys and arguments as it does (notices). */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.audit.ui;
