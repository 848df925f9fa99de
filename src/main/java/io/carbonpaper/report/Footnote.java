package io.carbonpaper.report;

import java.util.List;

/** A footnote: its mark ("a"), its text, and the references it cites (source ids). */
public record Footnote(String mark, String text, List<String> references) {
    public Footnote {
        references = List.copyOf(references);
    }
}
