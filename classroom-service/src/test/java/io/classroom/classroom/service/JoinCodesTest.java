package io.classroom.classroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class JoinCodesTest {

    @Test
    void codesHaveTheLengthAndNoLookAlikeCharacters() {
        var codes = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var code = JoinCodes.generate(8);
            assertThat(code).hasSize(8).matches("[A-HJKMNP-Z2-9]+");
            codes.add(code);
        }
        assertThat(codes).hasSizeGreaterThan(995);
    }

    @Test
    void typedCodesAreNormalised() {
        assertThat(JoinCodes.normalise("  k7qh2mzp ")).isEqualTo("K7QH2MZP");
    }
}
