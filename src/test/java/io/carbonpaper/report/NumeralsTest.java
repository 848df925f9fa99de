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

    @Test void hoursFollowOneRuleThreeSignificantFiguresWholeFromAHundred() {
        assertThat(Numerals.hours(79.2)).isEqualTo("79.2");
        assertThat(Numerals.hours(274120)).isEqualTo("274,120");
        // The cases: a total beside a sum no longer differ in decimals; inspect's binary noise is gone.
        assertThat(Numerals.hours(307609.55)).isEqualTo("307,610");
        assertThat(Numerals.hours(307518.2)).isEqualTo("307,518");
        assertThat(Numerals.hours(0.9868611111111111)).isEqualTo("0.987");
        assertThat(Numerals.hours(3.50)).isEqualTo("3.5");
        assertThat(Numerals.hours(99.96)).isEqualTo("100");
    }

    @Test void aCatalogTdpIsWholeWatts() {
        assertThat(Numerals.watts(300)).isEqualTo("300");
        assertThat(Numerals.watts(1478.67)).isEqualTo("1,479");
        assertThat(Numerals.watts(5.234)).isEqualTo("5.23");
    }

    @Test void rangesTakeTheirCentresPrecision() {
        Cell c = RangeCells.figure(new io.carbonpaper.unit.Range<>(0.162, 0.2372, 0.25), v -> v);
        assertThat(c.text()).isEqualTo("0.237 (0.162\u20130.250)");
        assertThat(RangeCells.figure(new io.carbonpaper.unit.Range<>(134.2, 196.0, 337.4), v -> v).text()).isEqualTo("196 (134\u2013337)");
        // An end ten times the centre keeps three significant figures rather than the centre's four decimals.
        assertThat(RangeCells.figure(new io.carbonpaper.unit.Range<>(0.0024, 0.0035, 12.0), v -> v).text()).isEqualTo("0.0035 (0.0024\u201312.0)");
        assertThat(RangeCells.money(new io.carbonpaper.unit.Range<>(6.49, 9.5, 13.0), v -> v, "USD").text()).isEqualTo("$9.50 ($6.49\u2013$13.00)");
        assertThat(Numerals.moneyRange(0.39, 12.9, "USD")).isEqualTo("$0.39\u2013$12.90");
    }

    @Test void rawValuesDropBinaryNoiseButNotPrecision() {
        assertThat(Numerals.raw(26.843188800000004)).isEqualTo("26.8431888");
        assertThat(Numerals.raw(942972.7999999999)).isEqualTo("942972.8");
        assertThat(Numerals.raw(1e20)).isEqualTo("100000000000000000000");
        assertThat(Numerals.raw(1.23456789012345e-7)).isEqualTo("0.000000123456789012");
        assertThat(Numerals.raw(Double.NaN)).isEmpty();
    }
}
