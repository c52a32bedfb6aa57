package dev.parley.localenv.provision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {
    /** Expected values from moto's own cognito_totp("asdfasdfasdf").generate(t). */
    @Test
    void codes_match_motos_totp_for_its_fixed_secret() {
        assertThat(Totp.code(Totp.MOTO_SECRET, 59 / 30)).isEqualTo("653795");
        assertThat(Totp.code(Totp.MOTO_SECRET, 1_767_225_600L / 30)).isEqualTo("198968");
    }

    @Test
    void a_current_code_has_six_digits() {
        assertThat(Totp.currentCode(Totp.MOTO_SECRET)).matches("\\d{6}");
    }
}
