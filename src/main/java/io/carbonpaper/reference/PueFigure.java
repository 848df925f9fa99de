package io.carbonpaper.reference;

/** A published power usage effectiveness figure (total facility energy / IT energy). */
public record PueFigure(String key, String name, double value, int year, String source) {}
