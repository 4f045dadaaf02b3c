package io.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.util.ClassUtils;

/**
 * Services are the authorization boundary: every public method of every {@code @Service} bean under io.gantry says
 * who may call it, with {@code @RolesAllowed} or {@code @PreAuthorize} on the method or on its class. A method that
 * must not check (it is called by the platform itself, before sign-in, or only reads what anyone may read) goes on
 * {@link #ALLOWED}, with the reason beside it. A new unannotated public method fails this test until it is annotated
 * or listed.
 */
@OnH2
class ServiceMethodsAreAuthorizedTest {

    /** {@code SimpleClassName#method}, each with why it needs no check. Keep it short. */
    static final Map<String, String> ALLOWED = Map.of(
            // Called by other services inside their own (already authorized) transaction, and for sign-ins and
            // registrations, before anyone is signed in; it writes a line and returns nothing.
            "OperationLog#record", "written by services that checked their caller",
            "OperationLog#recordAs", "written for sign-ins, registrations and the platform's own work");

    @Autowired
    ApplicationContext context;

    @Test
    void everyPublicServiceMethodSaysWhoMayCallIt() {
        Set<String> unannotated = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (Object bean : context.getBeansWithAnnotation(Service.class).values()) {
            Class<?> type = ClassUtils.getUserClass(bean);
            if (!type.getPackageName().startsWith("io.gantry")) {
                continue;
            }
            for (Method method : publicMethods(type)) {
                String name = type.getSimpleName() + "#" + method.getName();
                seen.add(name);
                if (!authorized(method) && !ALLOWED.containsKey(name)) {
                    unannotated.add(name);
                }
            }
        }
        assertThat(seen).as("service methods found").isNotEmpty();
        assertThat(unannotated).as("public service methods with neither @RolesAllowed nor @PreAuthorize "
                + "(annotate them, or add them to ALLOWED with the reason)").isEmpty();
        assertThat(ALLOWED.keySet()).as("allow-list entries that name no public service method")
                .allMatch(seen::contains);
    }

    /** Public methods the class and its io.gantry superclasses declare (not Object's, not synthetic bridges). */
    private static List<Method> publicMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getPackageName().startsWith("io.gantry"); c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()))
                    .forEach(methods::add);
        }
        return methods;
    }

    private static boolean authorized(Method method) {
        return annotated(method) || annotated(method.getDeclaringClass());
    }

    private static boolean annotated(java.lang.reflect.AnnotatedElement element) {
        return AnnotatedElementUtils.hasAnnotation(element, RolesAllowed.class)
                || AnnotatedElementUtils.hasAnnotation(element, PreAuthorize.class);
    }
}
