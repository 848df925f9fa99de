package io.carbonpaper.report;

import java.util.List;

/**
 * A checklist item answered from the report's figures, for a paper's submission form: which
 * checklist and which version of its wording, the question as the checklist asks it, and the
 * answers, a labelled sentence each. What the logs do not say is answered as unknown, with what
 * would tell it, never guessed.
 *
 * @param id       file name stem ({@code acl-checklist-c1})
 * @param name     the checklist and item ("ACL Responsible NLP Research checklist, item C1")
 * @param version  whose wording the question is in, and where the checklist is published
 * @param question the question, as the checklist words it
 * @param answers  the parts of the answer, each labelled with what the question asks
 */
public record Checklist(String id, String name, String version, String question, List<Fact> answers) {
    public Checklist {
        answers = List.copyOf(answers);
    }
}
