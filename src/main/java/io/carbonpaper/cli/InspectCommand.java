package io.carbonpaper.cli;

import io.carbonpaper.task.InspectTask;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code carbonpaper inspect [LOGS]}. */
final class InspectCommand implements Callable<Integer> {
    CommandLine.Model.CommandSpec spec;
    Path logs;
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The command's picocli model, built in code (issue 20: no annotation proxies and reflection at each
     * start; {@link CodeModel}), options bound to this object's fields.
     */
    CommandLine.Model.CommandSpec model() {
        CommandLine.Model.CommandSpec s = CommandLine.Model.CommandSpec.wrapWithoutInspection(this).name("inspect");
        s.usageMessage().description("List every file under LOGS with the format detected and the experiment it joined (or why it was ignored).");
        s.addOption(CodeModel.help());
        s.addOption(CodeModel.version());
        s.addPositional(CodeModel.logsFolder(CodeModel.field(() -> logs, v -> logs = v)));
        s.addOption(CodeModel.settingOverrides(CodeModel.field(() -> overrides, v -> overrides = v)));
        spec = s;
        return s;
    }

    @Override public Integer call() {
        return new InspectTask(spec.commandLine().getOut(), spec.commandLine().getErr()).run(logs, overrides);
    }
}
