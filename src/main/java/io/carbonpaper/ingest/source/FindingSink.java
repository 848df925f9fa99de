package io.carbonpaper.ingest.source;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;

/** Where a reader puts what it found in a file, and what was wrong with it. */
public interface FindingSink {
    void accept(Finding finding);

    void problem(Problem problem);
}
