package org.sae4j.io;

import java.util.List;

/**
 * Writes one JSON object (a command's result), keys in insertion order; values are strings, numbers, booleans, string
 * arrays, integer arrays (and arrays of them), nested objects or arrays of them. Strings are escaped per RFC 8259; non-finite
 * numbers (NaN, infinities), which JSON cannot represent, are written as {@code null}.
 */
public final class Json {
    private final StringBuilder text = new StringBuilder("{");

    public static Json object() {
        return new Json();
    }

    public Json put(String key, String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    public Json put(String key, double value) {
        return raw(key, number(value));
    }

    public Json put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    public Json put(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    public Json put(String key, List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String v : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(v == null ? "null" : quote(v));
        }
        return raw(key, array.append(']').toString());
    }

    public Json put(String key, long[] values) {
        return raw(key, array(values));
    }

    /** An array of arrays, e.g. a matrix by rows. */
    public Json put(String key, long[][] rows) {
        StringBuilder array = new StringBuilder("[");
        for (long[] row : rows) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(array(row));
        }
        return raw(key, array.append(']').toString());
    }

    private static String array(long[] values) {
        StringBuilder array = new StringBuilder("[");
        for (long v : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(v);
        }
        return array.append(']').toString();
    }

    /** An array of objects. */
    public Json putObjects(String key, List<Json> objects) {
        StringBuilder array = new StringBuilder("[");
        for (Json o : objects) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(o);
        }
        return raw(key, array.append(']').toString());
    }

    public Json put(String key, Json object) {
        return raw(key, object == null ? "null" : object.toString());
    }

    @Override
    public String toString() {
        return text + "}";
    }

    /** Java's shortest round-trip form is valid JSON for every finite double ({@code 1.0E-4} included). */
    public static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A lone surrogate has no UTF-8 encoding, so it is escaped rather than turned into '?'. */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    private Json raw(String key, String jsonValue) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append(quote(key)).append(':').append(jsonValue);
        return this;
    }
}
