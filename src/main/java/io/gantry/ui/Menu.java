package io.gantry.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.ui.InSystem;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuGroup.AppSystem;
import io.gantry.shared.ui.MenuItem;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The menu entries a user may see: every route annotated with {@link MenuItem} whose access annotations let the
 * user in. The same check guards the route itself, so the menu never offers a page that would be refused.
 */
@org.springframework.stereotype.Component
public class Menu {

    public record Entry(Class<? extends Component> view, MenuItem item) {
    }

    private final AccessAnnotationChecker access;

    Menu(AccessAnnotationChecker access) {
        this.access = access;
    }

    public List<Entry> all() {
        return RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                .map(route -> route.getNavigationTarget())
                .filter(view -> view.isAnnotationPresent(MenuItem.class))
                .distinct()
                .map(view -> new Entry(view, view.getAnnotation(MenuItem.class)))
                .sorted(Comparator.<Entry, MenuGroup>comparing(e -> e.item().group())
                        .thenComparingInt(e -> e.item().order()))
                .toList();
    }

    public List<Entry> visible(SignedInUser user) {
        if (user.mustChangePassword()) {
            return List.of();
        }
        return all().stream().filter(e -> access.hasAccess(e.view())).toList();
    }

    public Map<MenuGroup, List<Entry>> groups(SignedInUser user, AppSystem system) {
        Map<MenuGroup, List<Entry>> groups = new EnumMap<>(MenuGroup.class);
        for (Entry entry : visible(user)) {
            if (entry.item().group().system() == system) {
                groups.computeIfAbsent(entry.item().group(), g -> new java.util.ArrayList<>()).add(entry);
            }
        }
        return groups;
    }

    public Set<AppSystem> systems(SignedInUser user) {
        Set<AppSystem> systems = new LinkedHashSet<>();
        visible(user).forEach(e -> systems.add(e.item().group().system()));
        return systems;
    }

    public Optional<Entry> firstEntry(SignedInUser user, AppSystem system) {
        return visible(user).stream().filter(e -> e.item().group().system() == system).findFirst();
    }

    /** The account pages of the user's menu: profile, settings, operation log. */
    public List<Entry> userMenu(SignedInUser user) {
        return visible(user).stream().filter(e -> e.item().group() == MenuGroup.ACCOUNT).toList();
    }

    public AppSystem systemOf(Class<? extends Component> view) {
        MenuItem item = view.getAnnotation(MenuItem.class);
        if (item != null) {
            return item.group().system();
        }
        InSystem system = view.getAnnotation(InSystem.class);
        return system == null ? AppSystem.PLATFORM : system.value();
    }
}
