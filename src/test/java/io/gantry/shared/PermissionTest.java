package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void annotationConstantsAreExactlyThePermissionNames() throws IllegalAccessException {
        Set<String> constants = new java.util.HashSet<>();
        for (Field field : Permission.Names.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(field.get(null)).isEqualTo(field.getName());
                constants.add(field.getName());
            }
        }
        assertThat(constants).isEqualTo(Arrays.stream(Permission.values()).map(Enum::name).collect(Collectors.toSet()));
    }

    @Test
    void everyAreaHasPermissionsAndEveryPermissionOneArea() {
        for (PermissionArea area : PermissionArea.values()) {
            assertThat(Permission.in(area)).isNotEmpty();
        }
        assertThat(Arrays.stream(PermissionArea.values()).mapToInt(a -> Permission.in(a).size()).sum())
                .isEqualTo(Permission.values().length);
    }
}
