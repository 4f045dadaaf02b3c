package io.gantry.cluster;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of the inventory's fields, as i18n keys of the first rule broken. Plain logic, unit-tested alone. */
public final class InventoryRules {

    public static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    public static final int PRICE_SCALE = 4;
    /** How long each inventory text may be, in the service and in the forms' fields alike (the columns' sizes). */
    public static final int NAME_MAX = 63;
    public static final int MODEL_MAX = 64;
    public static final int RESOURCE_NAME_MAX = 128;
    public static final int NODE_SELECTOR_MAX = 255;
    public static final int ALLOWED_COUNTS_MAX = 64;
    public static final int FLAVOR_NAME_MAX = 64;
    public static final int REGISTRY_NAME_MAX = 64;
    public static final int REGISTRY_URL_MAX = 255;
    public static final int REGISTRY_USERNAME_MAX = 128;
    /** Encrypted, the secret must still fit its column of 1,024 characters. */
    public static final int REGISTRY_SECRET_MAX = 512;
    public static final int IMAGE_NAME_MAX = 128;
    public static final int IMAGE_TAG_MAX = 64;
    public static final int IMAGE_TEXT_MAX = 255;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
    private static final Pattern IMAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9._/-]*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Pattern RESOURCE = Pattern.compile("([a-z0-9.-]+/)?[a-zA-Z0-9._-]+");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*(,\\s*[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*)*");

    private InventoryRules() {
    }

    /** Spec and node names, as Kubernetes would accept them: lower case, digits, dots and dashes. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("field.required");
        }
        if (name.length() > NAME_MAX || !NAME.matcher(name.strip()).matches()) {
            return Optional.of("cluster.name.pattern");
        }
        return Optional.empty();
    }

    /** An image's name as image stores accept it: lower case, digits, dots, dashes, underscores and slashes. */
    public static Optional<String> imageNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("field.required");
        }
        if (name.length() > IMAGE_NAME_MAX || !IMAGE_NAME.matcher(name.strip()).matches()) {
            return Optional.of("image.name.pattern");
        }
        return Optional.empty();
    }

    public static Optional<String> imageTagProblem(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.of("field.required");
        }
        if (tag.length() > IMAGE_TAG_MAX || !IMAGE_TAG.matcher(tag.strip()).matches()) {
            return Optional.of("image.tag.pattern");
        }
        return Optional.empty();
    }

    public static Optional<String> priceProblem(BigDecimal price) {
        if (price == null) {
            return Optional.of("field.required");
        }
        if (price.signum() < 0) {
            return Optional.of("price.negative");
        }
        if (price.stripTrailingZeros().scale() > PRICE_SCALE) {
            return Optional.of("price.scale");
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            return Optional.of("price.too-large");
        }
        return Optional.empty();
    }

    public static Optional<String> resourceNameProblem(String resource) {
        if (resource == null || resource.isBlank()) {
            return Optional.of("field.required");
        }
        return RESOURCE.matcher(resource.strip()).matches() ? Optional.empty() : Optional.of("spec.resource.pattern");
    }

    public static Optional<String> nodeSelectorProblem(String selector) {
        if (selector == null || selector.isBlank()) {
            return Optional.empty();
        }
        return SELECTOR.matcher(selector.strip()).matches() ? Optional.empty() : Optional.of("spec.selector.pattern");
    }

    /** Registries are reached over HTTPS only, so that credentials never cross the network in clear. */
    public static Optional<String> registryUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("field.required");
        }
        try {
            URI uri = new URI(url.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                return Optional.of("registry.url.https");
            }
            if (uri.getHost() == null || uri.getHost().isBlank() || uri.getUserInfo() != null) {
                return Optional.of("registry.url.invalid");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("registry.url.invalid");
        }
    }
}
