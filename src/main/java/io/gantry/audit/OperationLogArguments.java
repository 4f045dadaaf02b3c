package io.gantry.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A line's arguments as JSON and back: text, numbers, booleans, instants ({@code {"at": ...}}), phrases
 * ({@code {"key": ..., "args": [...]}}) and lists of these. Anything else is stored as its text. Notices store their
 * arguments the same way, so that both are put into words by the same code.
 */
public final class OperationLogArguments {

    /** Long lists (members added at once) keep their first names and say how many more there were. */
    static final int LIST_MAX = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OperationLogArguments() {
    }

    public static String write(Object[] arguments) {
        ArrayNode array = NODES.arrayNode();
        for (Object argument : arguments) {
            array.add(node(argument));
        }
        return JSON.writeValueAsString(array);
    }

    /**
     * As {@link #write}, but never longer than {@code maxLength}: arguments too long for their column become the
     * single phrase "arguments too long", so that a message key is kept and the operation that wrote it never fails
     * for it. Null when there are no arguments.
     */
    public static String writeWithin(int maxLength, Object[] arguments) {
        if (arguments.length == 0) {
            return null;
        }
        String json = write(arguments);
        return json.length() <= maxLength ? json : write(new Object[] {Phrase.of("oplog.too-long")});
    }

    public static List<Object> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root = JSON.readTree(json);
        List<Object> values = new ArrayList<>();
        root.forEach(node -> values.add(value(node)));
        return values;
    }

    private static JsonNode node(Object argument) {
        return switch (argument) {
            case null -> NODES.nullNode();
            case String text -> NODES.stringNode(text);
            case Integer number -> NODES.numberNode(number.longValue());
            case Long number -> NODES.numberNode(number);
            case Short number -> NODES.numberNode(number.longValue());
            case BigDecimal number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(BigDecimal.valueOf(number));
            case Boolean yes -> NODES.booleanNode(yes);
            case Instant at -> NODES.objectNode().put("at", at.toString());
            case Phrase phrase -> {
                ObjectNode object = NODES.objectNode().put("key", phrase.key());
                object.set("args", node(phrase.arguments()));
                yield object;
            }
            case Object[] items -> node(List.of(items));
            case Collection<?> items -> {
                ArrayNode array = NODES.arrayNode();
                items.stream().limit(LIST_MAX).forEach(item -> array.add(node(item)));
                if (items.size() > LIST_MAX) {
                    array.add(node(Phrase.of("oplog.more", items.size() - LIST_MAX)));
                }
                yield array;
            }
            default -> NODES.stringNode(argument.toString());
        };
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return items;
        }
        if (node.has("at")) {
            return Instant.parse(node.get("at").asString());
        }
        List<Object> arguments = new ArrayList<>();
        node.path("args").forEach(item -> arguments.add(value(item)));
        return new Phrase(node.path("key").asString(), arguments);
    }
}
