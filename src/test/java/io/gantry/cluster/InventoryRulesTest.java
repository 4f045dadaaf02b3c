package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each field rule of the inventory, as the i18n key of the rule broken ("ok" for none). */
class InventoryRulesTest {

    private static String outcome(Optional<String> problem) {
        return problem.orElse("ok");
    }

    @ParameterizedTest(name = "name \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            nvidia-a100-80g                                                 | ok
            huawei.ascend910                                                | ok
            a                                                               | ok
            ' spaced-but-fine '                                             | ok
            NULL                                                            | field.required
            '   '                                                           | field.required
            Nvidia-A100                                                     | cluster.name.pattern
            -leading-dash                                                   | cluster.name.pattern
            trailing-dash-                                                  | cluster.name.pattern
            under_score                                                     | cluster.name.pattern
            has space                                                       | cluster.name.pattern
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  | ok
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | cluster.name.pattern
            """)
    void namesAreKubernetesNamesOfAtMost63Characters(String name, String expected) {
        assertThat(outcome(InventoryRules.nameProblem(name))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "image name \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            pytorch/pytorch       | ok
            team/tools_1.2-x      | ok
            ' gantry/python '     | ok
            NULL                  | field.required
            ''                    | field.required
            Team/Tools            | image.name.pattern
            /leading-slash        | image.name.pattern
            has space             | image.name.pattern
            """)
    void imageNamesAreLowerCaseRepositoryPaths(String name, String expected) {
        assertThat(outcome(InventoryRules.imageNameProblem(name))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "image tag \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            v1                    | ok
            2.4-cuda12_Ubuntu     | ok
            NULL                  | field.required
            .hidden               | image.tag.pattern
            -dash                 | image.tag.pattern
            a:b                   | image.tag.pattern
            """)
    void imageTagsAreDockerTags(String tag, String expected) {
        assertThat(outcome(InventoryRules.imageTagProblem(tag))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "image name of {0} characters -> {1}")
    @CsvSource({"128, ok", "129, image.name.pattern"})
    void imageNamesHaveAtMost128Characters(int length, String expected) {
        assertThat(outcome(InventoryRules.imageNameProblem("a".repeat(length)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "price {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            0              | ok
            12.5           | ok
            0.0001         | ok
            9.80000000     | ok
            1000000        | ok
            1000000.0000   | ok
            NULL           | field.required
            -0.01          | price.negative
            -5             | price.negative
            0.00001        | price.scale
            12.34567       | price.scale
            1000000.0001   | price.too-large
            5000000        | price.too-large
            """)
    void pricesAreExactNonNegativeAndBounded(BigDecimal price, String expected) {
        assertThat(outcome(InventoryRules.priceProblem(price))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "resource \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            nvidia.com/gpu         | ok
            huawei.com/Ascend910   | ok
            amd.com/gpu            | ok
            gpu                    | ok
            NULL                   | field.required
            ''                     | field.required
            nvidia.com/            | spec.resource.pattern
            NVIDIA.com/gpu         | spec.resource.pattern
            nvidia.com/gpu/extra   | spec.resource.pattern
            nvidia gpu             | spec.resource.pattern
            """)
    void resourceNamesLookLikeKubernetesExtendedResources(String resource, String expected) {
        assertThat(outcome(InventoryRules.resourceNameProblem(resource))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "selector \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                                         | ok
            ''                                           | ok
            accelerator=nvidia-a100-80g                  | ok
            'zone=a, kubernetes.io/arch=arm64'           | ok
            gpu=                                         | ok
            accelerator                                  | spec.selector.pattern
            =value                                       | spec.selector.pattern
            'a=b;c=d'                                    | spec.selector.pattern
            'a=b c'                                      | spec.selector.pattern
            """)
    void nodeSelectorsAreOptionalKeyValuePairs(String selector, String expected) {
        assertThat(outcome(InventoryRules.nodeSelectorProblem(selector))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "registry \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://registry.example.com                | ok
            https://registry.example.com:5000/team      | ok
            HTTPS://REGISTRY.EXAMPLE.COM                | ok
            NULL                                        | field.required
            '  '                                        | field.required
            http://registry.example.com                 | registry.url.https
            ftp://registry.example.com                  | registry.url.https
            registry.example.com                        | registry.url.https
            https://                                    | registry.url.invalid
            https:///no-host                            | registry.url.invalid
            https://user:secret@registry.example.com    | registry.url.invalid
            https://user@registry.example.com           | registry.url.invalid
            https://bad host.example.com                | registry.url.invalid
            """)
    void registriesAreReachedOverHttpsWithoutCredentialsInTheUrl(String url, String expected) {
        assertThat(outcome(InventoryRules.registryUrlProblem(url))).isEqualTo(expected);
    }
}
