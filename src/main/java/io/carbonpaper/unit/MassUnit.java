package io.carbonpaper.unit;

import java.util.Locale;

/** The unit a report states CO2e in: kilograms by default, pounds as Strubell et al. did. */
public enum MassUnit {
    KG("kg"), LBS("lbs");

    private final String symbol;

    MassUnit(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }

    public static MassUnit parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "kg", "kilograms" -> KG;
            case "lb", "lbs", "pounds" -> LBS;
            default -> throw new IllegalArgumentException("unknown mass unit '" + text + "' (expected kg or lbs)");
        };
    }
}
