package dev.parley.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size of a DynamoDB item by AWS's published rules, which is what request units are charged on
 * ("Item sizes and formats" in the DynamoDB developer guide):
 * <ul>
 *   <li>an item is the sum of its attribute names (UTF-8 bytes) and values;</li>
 *   <li>string: UTF-8 bytes; binary: bytes; boolean and null: 1 byte;</li>
 *   <li>number: about 1 byte per two significant digits plus 1 (leading and trailing zeros
 *       trimmed), plus 1 for a negative number, at most 21 bytes;</li>
 *   <li>sets: the sum of their elements;</li>
 *   <li>list and map: 3 bytes plus, per element, 1 byte plus its size (and, in a map, its name).</li>
 * </ul>
 */
public final class ItemSize {
    private static final int MAX_NUMBER_BYTES = 21;
    private static final int CONTAINER_OVERHEAD = 3;
    private static final int ELEMENT_OVERHEAD = 1;

    private ItemSize() {
    }

    /** Bytes of an item (or of a key, which is sized the same way). */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Bytes of one attribute value, without its name. */
    public static long value(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> bytes(value.b());
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L -> CONTAINER_OVERHEAD + value.l().stream().mapToLong(e -> ELEMENT_OVERHEAD + value(e)).sum();
            case M -> CONTAINER_OVERHEAD + value.m().entrySet().stream()
                    .mapToLong(e -> ELEMENT_OVERHEAD + utf8(e.getKey()) + value(e.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute type this SDK does not know");
        };
    }

    /** A number's bytes: its significant digits, two to a byte, plus one (plus one if negative). */
    static long number(String number) {
        String text = number.trim();
        boolean negative = text.startsWith("-");
        int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
        String mantissa = (exponent >= 0 ? text.substring(0, exponent) : text).replace("-", "").replace("+", "");
        // Leading and trailing zeros are not stored (1000 is kept as 1E3).
        String digits = mantissa.replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        int significant = Math.max(1, digits.length());
        long size = (significant + 1) / 2 + 1 + (negative ? 1 : 0);
        return Math.min(MAX_NUMBER_BYTES, size);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }
}
