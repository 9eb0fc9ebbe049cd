package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.io.Json;

class JsonTest {

    @Test
    void stringsSurviveEscapingAndParsing() {
        String nasty = "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u0007 nul \u0000 e\u0301 \u20ac 😀";
        Map<String, Object> parsed = MiniJson.parseObject(Json.object().put("s", nasty).toString());
        assertEquals(nasty, parsed.get("s"));
    }

    @Test
    void controlCharactersAreEscapedNotRaw() {
        String text = Json.object().put("k", "a\u0001b\u001fc").toString();
        assertEquals("{\"k\":\"a\\u0001b\\u001fc\"}", text);
    }

    @Test
    void loneSurrogatesAreEscaped() {
        String text = Json.object().put("k", "x\ud800y\udc00").toString();
        assertEquals("{\"k\":\"x\\ud800y\\udc00\"}", text);
        assertEquals("x\ud800y\udc00", MiniJson.parseObject(text).get("k"));
    }

    @Test
    void finiteDoublesRoundTripAndNonFiniteBecomeNull() {
        double[] values = {0.0, -0.0, 1e-300, 4.9e-324, Double.MAX_VALUE, -123.456, 1e21, 0.1 + 0.2};
        for (double v : values) {
            Object parsed = MiniJson.parseObject(Json.object().put("x", v).toString()).get("x");
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits((Double) parsed), "value " + v);
        }
        Map<String, Object> nonFinite = MiniJson.parseObject(Json.object().put("nan", Double.NaN)
                .put("inf", Double.POSITIVE_INFINITY).put("minf", Double.NEGATIVE_INFINITY).toString());
        assertEquals(3, nonFinite.size());
        nonFinite.values().forEach(v -> assertNull(v));
    }

    @Test
    void objectsKeepOrderAndTypes() {
        String text = Json.object().put("a", 7L).put("b", true).put("c", (String) null)
                .put("d", List.of("java", "native")).put("e", "x").toString();
        assertEquals("{\"a\":7,\"b\":true,\"c\":null,\"d\":[\"java\",\"native\"],\"e\":\"x\"}", text);
        Map<String, Object> parsed = MiniJson.parseObject(text);
        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(parsed.keySet()));
        assertEquals(List.of("java", "native"), parsed.get("d"));
    }

    @Test
    void theCheckingParserRejectsInvalidJson() {
        for (String bad : new String[] {"{\"a\":NaN}", "{'a':1}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1} x",
                "{\"a\":\"raw\nnewline\"}", "{\"a\":1,\"a\":2}", "", "{\"a\":.5}"}) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
        }
    }
}
