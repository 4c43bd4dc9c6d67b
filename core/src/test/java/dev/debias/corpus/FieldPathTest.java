package dev.debias.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"He is a nurse.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Noted.\"}],\"meta\":{\"source\":\"x\",\"n\":1.50}}";

    private static ObjectNode chat() throws Exception {
        return (ObjectNode) NestedJson.MAPPER.readTree(CHAT);
    }

    @Test
    void tellsPathsFromPlainNames() {
        assertTrue(FieldPath.isPath("meta.source"));
        assertTrue(FieldPath.isPath("messages[0]"));
        assertFalse(FieldPath.isPath("text"));
        assertFalse(FieldPath.isPath(null));
    }

    @Test
    void resolvesEveryElementOfAWildcardInOrderWithConcreteLocations() throws Exception {
        List<FieldPath.Leaf> leaves = FieldPath.parse("messages[*].content").resolve(chat());
        // two messages, so two leaves at [0] and [1], in document order
        assertEquals(List.of(new FieldPath.Leaf("messages[0].content", "He is a nurse."),
                new FieldPath.Leaf("messages[1].content", "Noted.")), leaves);
        assertTrue(FieldPath.parse("messages[*].content").hasWildcard());
        assertEquals("messages", FieldPath.parse("messages[*].content").root());
    }

    @Test
    void resolvesOneIndexAndDottedKeysAndNumbersAsTheirDecimalText() throws Exception {
        assertEquals(List.of(new FieldPath.Leaf("messages[1].role", "assistant")),
                FieldPath.parse("messages[1].role").resolve(chat()));
        assertEquals(List.of(new FieldPath.Leaf("meta.source", "x")), FieldPath.parse("meta.source").resolve(chat()));
        // read with exact decimals, so 1.50 keeps its scale
        assertEquals("1.50", FieldPath.parse("meta.n").resolve(chat()).get(0).value());
        assertEquals("user", FieldPath.parse("messages").resolve(NestedJson.MAPPER.readTree("{\"messages\":\"user\"}"))
                .get(0).value());
    }

    @Test
    void refusesMalformedPathsNamingTheCharacter() {
        assertEquals("the field path 'a..b' is malformed: an empty key at character 3; a path is a key followed by "
                + ".key, [N] or [*], e.g. messages[*].content or meta.source",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("a..b")).getMessage());
        for (String bad : List.of("", ".a", "a.", "a[", "a[]", "a[x]", "a[-1]", "a]", "a[0]b", "[0]")) {
            assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse(bad), bad);
        }
        assertTrue(assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("a[x]")).getMessage()
                .contains("the index '[x]'"));
    }

    @Test
    void saysWhereAPathFailsToResolve() throws Exception {
        JsonNode c = chat();
        assertEquals("the field path 'meta.sauce' does not resolve: 'meta' has no field 'sauce'",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("meta.sauce").resolve(c)).getMessage());
        assertEquals("the field path 'messages[2].content' does not resolve: 'messages' has 2 element(s), so no [2]",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("messages[2].content").resolve(c))
                        .getMessage());
        assertEquals("the field path 'messages[*]' does not resolve: 'messages[0]' is an object, not a text value",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("messages[*]").resolve(c)).getMessage());
        assertEquals("the field path 'meta[0]' does not resolve: 'meta' is an object, not an array",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("meta[0]").resolve(c)).getMessage());
        assertEquals("the field path 'turns[*].content' does not resolve: the record has no field 'turns'",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("turns[*].content").resolve(c))
                        .getMessage());
        JsonNode empty = NestedJson.MAPPER.readTree("{\"messages\":[]}");
        assertEquals("the field path 'messages[*].content' does not resolve: 'messages' is an empty array",
                assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("messages[*].content").resolve(empty))
                        .getMessage());
    }

    @Test
    void setsValuesBackInPlaceKeepingEverythingElse() throws Exception {
        ObjectNode c = chat();
        FieldPath.parse("messages[*].content").set(c, List.of("She is a nurse.", "Noted."));
        // only the first content changed; roles, meta and the unchanged second reply are as they were
        assertEquals(CHAT.replace("He is", "She is"), NestedJson.MAPPER.writeValueAsString(c));
        FieldPath.parse("meta.n").set(c, List.of("1.50"));
        assertTrue(c.get("meta").get("n").isNumber(), "an unchanged value keeps its JSON type");
        FieldPath.parse("meta.n").set(c, List.of("2"));
        assertEquals("\"2\"", c.get("meta").get("n").toString(), "a changed value becomes a string");
        assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("messages[*].content").set(c, List.of("x")));
    }

    @Test
    void putsAMissingDottedValueMakingTheObjectsOnTheWay() throws Exception {
        ObjectNode c = chat();
        FieldPath.parse("meta.extra.w").put(c, "0.5");
        assertEquals("0.5", c.get("meta").get("extra").get("w").asText());
        assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("messages[0].x").put(c, "y"));
        assertThrows(FieldPath.FieldPathException.class, () -> FieldPath.parse("meta.source.deeper").put(c, "y"));
    }
}
