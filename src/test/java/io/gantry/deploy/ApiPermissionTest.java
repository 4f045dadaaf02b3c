package io.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiPermissionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /api/v1/nodes                                                       | -                   | nodes              | list
            GET    | /api/v1/nodes/worker-1                                              | -                   | nodes              | get
            GET    | /api/v1/nodes?watch=true&resourceVersion=12                         | -                   | nodes              | watch
            GET    | /api/v1/namespaces/gantry-12                                        | -                   | namespaces         | get
            POST   | /api/v1/namespaces                                                  | -                   | namespaces         | create
            GET    | /api/v1/namespaces?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dgantry | -              | namespaces         | list
            PUT    | /api/v1/namespaces/gantry-12/resourcequotas/gantry-quota            | -                   | resourcequotas     | update
            GET    | /api/v1/pods?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dgantry  | -                   | pods               | list
            GET    | /api/v1/namespaces/gantry-12/pods/container-1                       | -                   | pods               | get
            GET    | /api/v1/namespaces/gantry-12/pods/container-1/log?tailLines=100     | -                   | pods/log           | get
            POST   | /api/v1/namespaces/gantry-12/pods/container-1/exec?command=sh&tty=true | -                | pods/exec          | create
            PUT    | /api/v1/namespaces/gantry-12/pods/container-1/status                | -                   | pods/status        | update
            DELETE | /api/v1/namespaces/gantry-12/pods/container-1                       | -                   | pods               | delete
            DELETE | /api/v1/namespaces/gantry-12/pods?labelSelector=a%3Db               | -                   | pods               | deletecollection
            PATCH  | /api/v1/namespaces/gantry-12/secrets/container-1                    | -                   | secrets            | patch
            GET    | /api/v1/namespaces/gantry-12/events?fieldSelector=involvedObject.name%3Dcontainer-1 | -   | events             | list
            POST   | /apis/batch/v1/namespaces/gantry-12/jobs                            | batch               | jobs               | create
            GET    | /apis/networking.k8s.io/v1/namespaces/gantry-12/networkpolicies/c-1 | networking.k8s.io   | networkpolicies    | get
            GET    | /apis/metrics.k8s.io/v1beta1/namespaces/gantry-12/pods/container-1  | metrics.k8s.io      | pods               | get
            GET    | /apis/metrics.k8s.io/v1beta1/nodes                                  | metrics.k8s.io      | nodes              | list
            """)
    void derivesGroupResourceAndVerbFromTheRequest(String method, String path, String group, String resource,
                                                   String verb) {
        assertThat(ApiPermission.of(method, path))
                .isEqualTo(new ApiPermission(group == null ? "" : group, resource, verb));
    }

    @ParameterizedTest
    @CsvSource({"GET, /version", "GET, /apis", "GET, /api/v1/namespaces/a/pods/b/log/extra", "HEAD, /api/v1/nodes"})
    void refusesWhatIsNoResourceRequest(String method, String path) {
        assertThatThrownBy(() -> ApiPermission.of(method, path)).isInstanceOf(IllegalArgumentException.class);
    }
}
