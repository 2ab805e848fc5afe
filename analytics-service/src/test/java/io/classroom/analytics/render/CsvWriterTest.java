package io.classroom.analytics.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void rfc4180QuotingAndCrlf() {
        String csv = new CsvWriter()
                .row(List.of("name", "note"))
                .row(List.of("Ada \"the\" Countess", "a,b"))
                .row(List.of("two\nlines", ""))
                .toString();
        assertThat(csv).isEqualTo("name,note\r\n\"Ada \"\"the\"\" Countess\",\"a,b\"\r\n\"two\nlines\",\r\n");
    }

    @Test
    void formulasAreDefused() {
        assertThat(CsvWriter.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvWriter.field("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.field("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.field("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvWriter.field(-3)).isEqualTo("-3");
        assertThat(CsvWriter.field(null)).isEmpty();
        assertThat(CsvWriter.field("plain")).isEqualTo("plain");
    }
}
