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

    /** Every reference the statement cites, the ones its text names first: what its bibliography holds. */
    public List<Reference> cites() {
        List<Reference> out = new java.util.ArrayList<>(follows);
        for (Reference r : sources) if (!out.contains(r)) out.add(r);
        return List.copyOf(out);
    }
}
