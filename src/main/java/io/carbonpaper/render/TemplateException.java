package io.carbonpaper.render;

import java.io.IOException;

/** A template failed: the message names the template, the line and the expression or missing value. */
public final class TemplateException extends IOException {
    public TemplateException(String message) { super(message); }
}
