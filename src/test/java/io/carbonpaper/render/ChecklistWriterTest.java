package io.carbonpaper.render;

import io.carbonpaper.report.Checklist;
import io.carbonpaper.report.Report;
import io.carbonpaper.report.SampleReports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistWriterTest {
    @Test void eachItemGivesItsSourceQuestionAndEveryAnswerOnALine() {
        Report r = SampleReports.standard();
        assertThat(r.statement().checklists()).extracting(Checklist::id).containsExactly("acl-checklist-c1", "neurips-checklist-compute");
        for (Checklist c : r.statement().checklists()) {
            String text = ChecklistWriter.text(c, r.version());
            assertThat(text).startsWith(c.name() + "\n(").contains("Question: " + c.question() + "\n");
            for (var f : c.answers()) assertThat(text).contains("\n- " + f.label() + ": " + f.value() + "\n");
        }
        assertThat(ChecklistWriter.text(r.statement().checklists().get(0), r.version()))
                .contains("Did you report the number of parameters in the models used, the total computational budget (e.g., GPU hours), and computing infrastructure used?")
                .contains("https://aclrollingreview.org/responsibleNLPresearch/");
    }
}
