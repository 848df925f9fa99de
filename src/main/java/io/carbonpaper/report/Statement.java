package io.carbonpaper.report;

import java.util.List;

/**
 * The compute statement a paper pastes without editing, in plain text (Unicode: CO₂, en dashes),
 * with what it cites. The LaTeX, Markdown and plain-text writers set the same words; each adds its
 * own citation marks: the paper it {@code follows} is named in the text in author-year form
 * ("following Strubell et al. (2019)"), the {@code sources} are cited after {@code sourcesLine}.
 *
 * @param text        the statement itself, in the figures of the headline and the tables
 * @param sourcesLine "The constants used (...) come from published sources", without a full stop, to
 *                    be followed by the citations of {@code sources}; empty when there are none
 * @param follows     the references named in {@code text} (the method's paper)
 * @param sources     where the constants it used come from (hardware power, PUE, grid intensity,
 *                    prices), in order of first use
 * @param checklists  the compute items of submission checklists, answered from the same figures
 */
public record Statement(String text, String sourcesLine, List<Reference> follows, List<Reference> sources, List<Checklist> checklists) {
    public Statement {
        follows = List.copyOf(follows);
        sources = List.copyOf(sources);
        checklists = List.copyOf(checklists);
    }

    /**
     * A run of the statement's words, then the references it cites there ({@code cites} empty for none):
     * a reference the text names comes right after its name ("... following Strubell et al. (2019)"),
     * the sources after the sources sentence. Each output sets the citations in its own way.
     */
    public record Piece(String text, List<Reference> cites) {
        public Piece {
            cites = List.copyOf(cites);
        }

        /** The citations in the order of their numbers in the report's references list (the site's "[2, 5, 7]"). */
        public List<Reference> citesByNumber() {
            return cites.stream().sorted(java.util.Comparator.comparingInt(Reference::number)).toList();
        }
    }

    /** The statement's words and citations in order: {@link #text}, then the sources sentence and its full stop. */
    public List<Piece> pieces() {
        List<Piece> out = new java.util.ArrayList<>();
        int at = 0;
        // The named references, in the order the text names them.
        while (true) {
            int best = -1, bestEnd = -1;
            Reference named = null;
            for (Reference r : follows) {
                String name = r.bib().inText();
                // The pattern names the authors word for word: no pattern for a reference the text does not name.
                if (name.isBlank() || !text.contains(name)) continue;
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name) + " \\(" + r.year() + "\\)").matcher(text);
                if (m.find(at) && (best < 0 || m.start() < best)) { best = m.start(); bestEnd = m.end(); named = r; }
            }
            if (named == null) break;
            out.add(new Piece(text.substring(at, bestEnd), List.of(named)));
            at = bestEnd;
        }
        out.add(new Piece(text.substring(at), List.of()));
        if (!sourcesLine.isEmpty()) {
            out.add(new Piece(" " + sourcesLine, sources));
            out.add(new Piece(".", List.of()));
        }
        return List.copyOf(out);
    }

    /** Every reference the statement cites, the ones its text names first: what its bibliography holds. */
    public List<Reference> cites() {
        List<Reference> out = new java.util.ArrayList<>(follows);
        for (Reference r : sources) if (!out.contains(r)) out.add(r);
        return List.copyOf(out);
    }
}
