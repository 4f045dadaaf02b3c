package io.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second door of every module: the beans of its named interface {@code api} serve other modules on behalf of
 * the platform or of a user the caller names. They check no user permission, join the caller's transaction (never a
 * new one, which would take a second connection and commit apart from the caller) and neither read the signed-in
 * user nor borrow the platform's on another thread.
 */
class InternalApisTest {

    /** {@code Type#method} or {@code Type}, each with why it is allowed anyway. Keep it short. */
    static final Map<String, String> ALLOWED = Map.of(
            "OperationLog#find", "the log's own page reads it through the same bean, as its reader",
            "OperationLog#count", "the log's own page reads it through the same bean, as its reader",
            "OperationLog#seesEveryone", "the log's own page asks it for its reader",
            "OperationLog", "a line names the signed-in user who did the operation");

    static final List<String> SIGNED_IN_USER = List.of("io.gantry.identity.CurrentUser",
            "io.gantry.shared.SystemTask",
            "org.springframework.security.core.context.SecurityContextHolder");

    private final ApplicationModules modules = ApplicationModules.of(GantryApplication.class);

    @Test
    void internalApisCheckNoUserAndJoinTheCallersTransaction() {
        Set<String> beans = new TreeSet<>();
        Set<String> problems = new TreeSet<>();
        modules.forEach(module -> module.getNamedInterfaces().getByName("api").stream()
                .flatMap(NamedInterface::asJavaClasses)
                .filter(type -> AnnotatedElementUtils.hasAnnotation(type.reflect(), Component.class))
                .forEach(type -> {
                    beans.add(type.getSimpleName());
                    problems.addAll(problemsOf(type));
                }));
        assertThat(beans).as("beans of the modules' internal APIs").contains("BrokerRequests", "ClusterInventory",
                "Projects", "SshKeys", "Whitelists", "UserDirectory", "OperationLog");
        assertThat(problems).as("internal API methods with a user check, a transaction of their own, or a read "
                + "of the signed-in user (fix them, or add them to ALLOWED with the reason)").isEmpty();
        assertThat(ALLOWED.keySet().stream().map(k -> k.replaceAll("#.*", ""))).allMatch(beans::contains);
    }

    private static List<String> problemsOf(JavaClass type) {
        Class<?> reflected = type.reflect();
        List<String> problems = new java.util.ArrayList<>();
        if (secured(reflected) && !ALLOWED.containsKey(type.getSimpleName())) {
            problems.add(type.getSimpleName() + " has method security");
        }
        if (ownTransaction(reflected)) {
            problems.add(type.getSimpleName() + " starts a transaction of its own");
        }
        for (Method method : reflected.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            String name = type.getSimpleName() + "#" + method.getName();
            if (secured(method) && !ALLOWED.containsKey(name)) {
                problems.add(name + " has method security");
            }
            if (ownTransaction(method)) {
                problems.add(name + " starts a transaction of its own");
            }
        }
        if (!ALLOWED.containsKey(type.getSimpleName())) {
            type.getDirectDependenciesFromSelf().stream()
                    .filter(d -> SIGNED_IN_USER.contains(d.getTargetClass().getName()))
                    .filter(d -> !d.getOriginClass().getModifiers().contains(JavaModifier.SYNTHETIC))
                    .forEach(d -> problems.add(type.getSimpleName() + " reads the signed-in user through "
                            + d.getTargetClass().getSimpleName()));
        }
        return problems;
    }

    private static boolean secured(AnnotatedElement element) {
        return AnnotatedElementUtils.hasAnnotation(element, RolesAllowed.class)
                || AnnotatedElementUtils.hasAnnotation(element, PreAuthorize.class);
    }

    private static boolean ownTransaction(AnnotatedElement element) {
        Transactional transactional = AnnotatedElementUtils.findMergedAnnotation(element, Transactional.class);
        return transactional != null && Set.of(Propagation.REQUIRES_NEW, Propagation.NOT_SUPPORTED,
                Propagation.NEVER).contains(transactional.propagation());
    }
}
