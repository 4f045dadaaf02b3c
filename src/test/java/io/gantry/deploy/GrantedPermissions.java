package io.gantry.deploy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.gantry.deploy.Manifests.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the RBAC objects of {@code k8s/} grant one ServiceAccount, rule by rule expanded into single permissions. */
final class GrantedPermissions {

    private GrantedPermissions() {
    }

    /** Every (group, resource, verb) granted to the account through a binding of the set. */
    static Set<ApiPermission> of(List<Manifest> objects, String namespace, String serviceAccount) {
        List<RoleRef> roles = new ArrayList<>();
        for (ClusterRoleBinding binding : Manifests.all(objects, ClusterRoleBinding.class)) {
            if (binds(binding.getSubjects(), namespace, serviceAccount)) {
                roles.add(binding.getRoleRef());
            }
        }
        for (RoleBinding binding : Manifests.all(objects, RoleBinding.class)) {
            if (binds(binding.getSubjects(), namespace, serviceAccount)) {
                roles.add(binding.getRoleRef());
            }
        }
        Set<ApiPermission> granted = new LinkedHashSet<>();
        for (RoleRef ref : roles) {
            List<PolicyRule> rules = ref.getKind().equals("ClusterRole")
                    ? Manifests.find(objects, ClusterRole.class, ref.getName()).orElseThrow().getRules()
                    : Manifests.find(objects, Role.class, ref.getName()).orElseThrow().getRules();
            rules.forEach(rule -> granted.addAll(expand(rule)));
        }
        return granted;
    }

    /** One permission per group, resource and verb of the rule; wildcards and resource names are not expanded. */
    static List<ApiPermission> expand(PolicyRule rule) {
        if (!rule.getResourceNames().isEmpty() || !rule.getNonResourceURLs().isEmpty()) {
            throw new IllegalArgumentException("Rules limited to names or URLs are not compared here: " + rule);
        }
        List<ApiPermission> permissions = new ArrayList<>();
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    if (group.equals("*") || resource.equals("*") || verb.equals("*")) {
                        throw new IllegalArgumentException("A wildcard grants more than any list of calls: " + rule);
                    }
                    permissions.add(new ApiPermission(group, resource, verb));
                }
            }
        }
        return permissions;
    }

    private static boolean binds(List<Subject> subjects, String namespace, String serviceAccount) {
        return subjects.stream().anyMatch(subject -> subject.getKind().equals("ServiceAccount")
                && subject.getName().equals(serviceAccount) && namespace.equals(subject.getNamespace()));
    }
}
