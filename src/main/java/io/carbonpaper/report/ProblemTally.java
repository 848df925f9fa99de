package io.carbonpaper.report;

import io.carbonpaper.model.Problem;

import java.util.Collection;

/**
 * How many of some problems are things wrong (errors, warnings) and how many are notes (what a
 * reader assumed or a policy it applied), in the words the site uses: a run whose reader only
 * says which GPUs it counted is not flagged as having a problem.
 *
 * @param problems errors and warnings
 * @param notes    notes
 */
public record ProblemTally(long problems, long notes) {

    public static ProblemTally of(Collection<Problem> all) {
        long notes = all.stream().filter(p -> p.severity() == Problem.Severity.NOTE).count();
        return new ProblemTally(all.size() - notes, notes);
    }

    public ProblemTally plus(ProblemTally other) { return new ProblemTally(problems + other.problems, notes + other.notes); }

    public boolean isEmpty() { return problems == 0 && notes == 0; }

    /** {@code 1 problem}, {@code 2 notes}, {@code 1 problem and 2 notes}; empty when there are none. */
    public String words() {
        String p = problems == 0 ? "" : problems + (problems == 1 ? " problem" : " problems");
        String n = notes == 0 ? "" : notes + (notes == 1 ? " note" : " notes");
        return p.isEmpty() ? n : n.isEmpty() ? p : p + " and " + n;
    }

    /** {@code 2 problems found in the inputs}, or {@code 3 notes on the inputs} when nothing is wrong. */
    public String aboutTheInputs() { return words() + (problems > 0 ? " found in the inputs" : " on the inputs"); }

    /** The heading of a list of them: Problems, Notes, or Problems and notes. */
    public String heading() {
        return problems > 0 && notes > 0 ? "Problems and notes" : notes > 0 ? "Notes" : "Problems";
    }
}
