package io.gantry.shared.ui;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A section one feature adds to another feature's page without the page depending on it, e.g. the projects of a user
 * on the user's detail page, or the default project on the settings page. Implementations are Spring beans; each call
 * builds a new component, or none when the signed-in user may not see it.
 */
public interface PageSection {

    enum Page { SETTINGS, USER_DETAIL, PROJECT_DETAIL }

    Page page();

    /**
     * @param subjectId what the page is about (the user's id on USER_DETAIL, the project's on PROJECT_DETAIL), or
     *                  null
     */
    Optional<Component> create(Long subjectId);
}
