package io.carbonpaper.render;

import io.carbonpaper.model.LogText;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.DefaultMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The FreeMarker templates: the built-in ones packaged in the jar, each overridable by a file of
 * the same name in the user's {@code --templates} folder. {@code .ftlh} files are HTML with
 * auto-escaping on; nothing from a log is ever marked safe.
 */
public final class Templates {
    static {
        // Left to choose, FreeMarker looks for a logging library and sets up java.util.logging: ~30 ms
        // of a report's start-up. Template errors reach the user as exceptions (see the constructor),
        // so it has nothing to log that anyone reads. Set before any FreeMarker class is initialised.
        if (System.getProperty("org.freemarker.loggerLibrary") == null) System.setProperty("org.freemarker.loggerLibrary", "none");
    }

    private final Configuration cfg;
    private final Optional<Path> userDir;

    public Templates(Optional<Path> userDir) throws IOException {
        this.userDir = userDir;
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (userDir.isPresent()) loaders.add(new FileTemplateLoader(userDir.get().toFile()));
        loaders.add(new ClassTemplateLoader(Templates.class, "/templates"));
        c.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setLocale(Locale.ROOT);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setNumberFormat("computer");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // A --templates folder may come from anyone: no ?new() of any class (Execute would run a program),
        // no ?api into the Java objects behind the model, and no way from the model to Class, class
        // loaders, reflection or I/O (FreeMarker's default policy still allows report.class.protectionDomain).
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setObjectWrapper(new CleaningWrapper());
        this.cfg = c;
    }

    /** Renders {@code name} with {@code model}; any template error names the template and line. */
    public String render(String name, Map<String, Object> model) throws TemplateException {
        try {
            Template t = cfg.getTemplate(name);
            StringWriter w = new StringWriter();
            t.process(model, w);
            return w.toString();
        } catch (freemarker.template.TemplateException e) {
            String blamed = e.getBlamedExpressionString();
            throw new TemplateException("template " + e.getTemplateSourceName() + " line " + e.getLineNumber()
                    + (blamed != null ? ": cannot evaluate '" + blamed + "'" : "") + ": " + firstLine(e.getMessageWithoutStackTop()));
        } catch (freemarker.core.ParseException e) {
            throw new TemplateException("template " + e.getTemplateName() + " line " + e.getLineNumber() + ": " + firstLine(e.getEditorMessage()));
        } catch (IOException e) {
            throw new TemplateException("template " + name + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            // FreeMarker has no depth limit of its own; the stack is the limit, and by the time the error
            // reaches here it has unwound, so no line is left to name.
            throw new TemplateException("template " + name + ": macros, functions or includes nested too deeply"
                    + " (one that calls itself without end?)");
        }
    }

    /**
     * Loads and parses the named templates now, so that a caller can do it on another thread while
     * the logs are read. A template that fails to load is left for {@link #render} to report.
     */
    public void prepare(String... names) {
        for (String n : names) {
            try {
                cfg.getTemplate(n);
            } catch (IOException e) {
                // render() reports it, naming the template and line
            }
        }
    }

    /** A static asset (CSS, script, font) by name, from the user's folder first. */
    public byte[] asset(String name) throws IOException {
        if (userDir.isPresent()) {
            Path p = userDir.get().resolve(name).normalize();
            if (p.startsWith(userDir.get()) && Files.isRegularFile(p)) return Files.readAllBytes(p);
        }
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) throw new IOException("built-in asset missing: " + name);
            return in.readAllBytes();
        }
    }

    /**
     * FreeMarker's default member policy, less {@code getClass()} on every object and every member of
     * the classes that lead out of the model: Class, class loaders, modules, threads, processes, the
     * runtime, reflection, security, files and the network.
     */
    private static final class ModelOnlyPolicy implements MemberAccessPolicy {
        private static final List<String> CLOSED = List.of("java.lang.Class", "java.lang.ClassLoader", "java.lang.Module",
                "java.lang.ModuleLayer", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.Runtime", "java.lang.System",
                "java.lang.Process", "java.lang.ProcessBuilder", "java.lang.ProcessHandle", "java.lang.StackWalker");
        private static final List<String> CLOSED_PACKAGES = List.of("java.lang.reflect.", "java.lang.invoke.", "java.security.",
                "java.io.", "java.nio.", "java.net.", "javax.script.", "sun.", "jdk.", "freemarker.");
        private static final ClassMemberAccessPolicy NOTHING = new ClassMemberAccessPolicy() {
            @Override public boolean isMethodExposed(java.lang.reflect.Method m) { return false; }
            @Override public boolean isConstructorExposed(java.lang.reflect.Constructor<?> c) { return false; }
            @Override public boolean isFieldExposed(java.lang.reflect.Field f) { return false; }
        };

        private final MemberAccessPolicy base;

        ModelOnlyPolicy(MemberAccessPolicy base) { this.base = base; }

        @Override public ClassMemberAccessPolicy forClass(Class<?> c) {
            if (closed(c)) return NOTHING;
            ClassMemberAccessPolicy p = base.forClass(c);
            return new ClassMemberAccessPolicy() {
                @Override public boolean isMethodExposed(java.lang.reflect.Method m) {
                    return !m.getName().equals("getClass") && !closed(m.getReturnType()) && p.isMethodExposed(m);
                }
                @Override public boolean isConstructorExposed(java.lang.reflect.Constructor<?> k) { return false; }
                @Override public boolean isFieldExposed(java.lang.reflect.Field f) { return !closed(f.getType()) && p.isFieldExposed(f); }
            };
        }

        private static boolean closed(Class<?> c) {
            String n = c.getName();
            return CLOSED.contains(n) || CLOSED_PACKAGES.stream().anyMatch(n::startsWith);
        }

        @Override public boolean isToStringAlwaysExposed() { return base.isToStringAlwaysExposed(); }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /**
     * The model as templates see it: every string from the report model passes {@link LogText}, so no
     * control character from a log reaches HTML, the SVG inside it or the PDF made from it (XML forbids
     * them: one ESC in a name was an internal error with {@code --pdf}). Line breaks and tabs stay.
     */
    private static final class CleaningWrapper extends freemarker.template.DefaultObjectWrapper {
        CleaningWrapper() {
            super(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34) {{
                setMemberAccessPolicy(new ModelOnlyPolicy(DefaultMemberAccessPolicy.getInstance(Configuration.VERSION_2_3_34)));
            }}, true);
        }

        @Override public freemarker.template.TemplateModel wrap(Object obj) throws freemarker.template.TemplateModelException {
            return super.wrap(obj instanceof String s ? LogText.cleanKeepingLines(s) : obj);
        }
    }
}
