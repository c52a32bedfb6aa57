package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void strings_count_their_utf8_bytes_and_names_count_too() {
        assertThat(ItemSize.of(Map.of("name", s("héllo")))).isEqualTo(4 + 6);
    }

    @Test
    void numbers_take_a_byte_per_two_significant_digits_plus_one() {
        assertThat(ItemSize.number("7")).isEqualTo(2);
        assertThat(ItemSize.number("1234")).isEqualTo(3);
        assertThat(ItemSize.number("12345")).isEqualTo(4);
        assertThat(ItemSize.number("1000")).as("trailing zeros are not stored").isEqualTo(2);
        assertThat(ItemSize.number("0.005")).as("leading zeros are not stored").isEqualTo(2);
        assertThat(ItemSize.number("-12")).as("the sign takes a byte").isEqualTo(3);
        assertThat(ItemSize.number("9007199254740991")).isEqualTo(9);
    }

    @Test
    void maps_and_lists_add_three_bytes_and_one_per_element() {
        AttributeValue connection = AttributeValue.fromM(Map.of("deviceId", s("d1"), "expiresAt", n("1700000000")));
        assertThat(ItemSize.value(connection)).isEqualTo(3 + (1 + 8 + 2) + (1 + 9 + 2));
        assertThat(ItemSize.value(AttributeValue.fromL(List.of(s("a"), s("bc"))))).isEqualTo(3 + (1 + 1) + (1 + 2));
    }

    @Test
    void sets_booleans_nulls_and_binary_are_sized_by_aws_rules() {
        assertThat(ItemSize.value(AttributeValue.fromSs(List.of("ab", "cde")))).isEqualTo(5);
        assertThat(ItemSize.value(AttributeValue.fromBool(true))).isEqualTo(1);
        assertThat(ItemSize.value(AttributeValue.fromNul(true))).isEqualTo(1);
        assertThat(ItemSize.value(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])))).isEqualTo(10);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
