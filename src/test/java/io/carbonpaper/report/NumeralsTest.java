package io.carbonpaper.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumeralsTest {
    @Test void wholeNumbersWithThousandsSeparatorsFromTenUp() {
        assertThat(Numerals.figure(26.84)).isEqualTo("27");
        assertThat(Numerals.figure(656347.28)).isEqualTo("656,347");
    }

    @Test void threeSignificantFiguresBelowTen() {
        assertThat(Numerals.figure(0.0035123)).isEqualTo("0.00351");
        assertThat(Numerals.figure(1.5)).isEqualTo("1.5");
        assertThat(Numerals.figure(0)).isEqualTo("0");
    }

    @Test void moneyRangesAsThePaperPrintsThem() {
        assertThat(Numerals.moneyRange(288.96, 981.12, "USD")).isEqualTo("$289\u2013$981");
        assertThat(Numerals.money(3.456, "USD")).isEqualTo("$3.46");
        assertThat(Numerals.money(1200, "EUR")).isEqualTo("1,200 EUR");
    }

    @Test void hoursKeepTheirDecimal() {
        assertThat(Numerals.hours(79.2)).isEqualTo("79.2");
        assertThat(Numerals.hours(274120)).isEqualTo("274,120");
    }

    @Test void rawValuesDropBinaryNoiseButNotPrecision() {
        assertThat(Numerals.raw(26.843188800000004)).isEqualTo("26.8431888");
        assertThat(Numerals.raw(942972.7999999999)).isEqualTo("942972.8");
        assertThat(Numerals.raw(1e20)).isEqualTo("100000000000000000000");
        assertThat(Numerals.raw(1.23456789012345e-7)).isEqualTo("0.000000123456789012");
        assertThat(Numerals.raw(Double.NaN)).isEmpty();
    }
}
