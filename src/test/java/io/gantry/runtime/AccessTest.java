package io.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void never_prints_the_password_or_the_token() {
        Access access = new Access(true, "s3cret-Passw0rd", List.of(), true, "tok3n-value",
                Access.SourceFilter.ANYONE);

        assertThat(access.toString()).doesNotContain("s3cret-Passw0rd").doesNotContain("tok3n-value")
                .contains("password=(set)", "token=(set)");
    }
}
