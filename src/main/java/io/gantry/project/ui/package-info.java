/** The project screens; the app shell uses the project switcher from here. */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.project.ui;
